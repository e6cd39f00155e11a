using System.Text;
using System.Xml;

namespace Callout.Protocol.Query;

/// The query protocol's response side: `<{Action}Response><{Action}Result>…` for results and
/// `<ErrorResponse><Error>…` for errors, as text/xml (botocore's QueryParser reads both).
public static class QueryFraming
{
    public const string ContentType = "text/xml";

    static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        OmitXmlDeclaration = true,
    };

    /// Members are written in the order given, as text elements of the result.
    public static byte[] Result(string action, string xmlNamespace, IEnumerable<KeyValuePair<string, string>> members, string requestId) =>
        Write(w =>
        {
            ArgumentNullException.ThrowIfNull(members);
            w.WriteStartElement(action + "Response", xmlNamespace);
            w.WriteStartElement(action + "Result", xmlNamespace);
            foreach (var (name, value) in members)
            {
                w.WriteElementString(name, xmlNamespace, XmlSafe(value));
            }
            w.WriteEndElement();
            w.WriteStartElement("ResponseMetadata", xmlNamespace);
            w.WriteElementString("RequestId", xmlNamespace, requestId);
            w.WriteEndElement();
            w.WriteEndElement();
        });

    public static byte[] Error(QueryException error, string xmlNamespace, string requestId) => Write(w =>
    {
        ArgumentNullException.ThrowIfNull(error);
        w.WriteStartElement("ErrorResponse", xmlNamespace);
        w.WriteStartElement("Error", xmlNamespace);
        w.WriteElementString("Type", xmlNamespace, error.Type);
        w.WriteElementString("Code", xmlNamespace, error.Code);
        w.WriteElementString("Message", xmlNamespace, XmlSafe(error.Message));
        w.WriteEndElement();
        w.WriteElementString("RequestId", xmlNamespace, requestId);
        w.WriteEndElement();
    });

    static byte[] Write(Action<XmlWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, Settings))
        {
            write(w);
        }
        return stream.ToArray();
    }

    // XML 1.0 cannot hold some characters at all (NUL, most C0 controls, lone surrogates), and
    // messages echo what the client sent; XmlWriter would throw on them. They become U+FFFD.
    static string XmlSafe(string text)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }
            if (XmlConvert.IsXmlChar(c))
            {
                sb?.Append(c);
                continue;
            }
            sb ??= new StringBuilder(text.Length).Append(text, 0, i);
            sb.Append('\uFFFD');
        }
        return sb?.ToString() ?? text;
    }
}
