namespace Callout.Testing.Otlp;

/// Reads the protocol buffers wire format (https://protobuf.dev/programming-guides/encoding/):
/// field after field, each a tag (field number and wire type) and its value. Only what an OTLP
/// trace export needs; anything else is skipped by its wire type, as a real decoder skips fields it
/// does not know.
public sealed class ProtobufReader(ReadOnlyMemory<byte> buffer)
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    int _position;

    public int Field { get; private set; }

    public int WireType { get; private set; }

    /// Moves to the next field; false at the end of the message.
    public bool Next()
    {
        if (_position >= buffer.Length)
        {
            return false;
        }
        var tag = ReadVarint();
        Field = (int)(tag >> 3);
        WireType = (int)(tag & 7);
        if (Field == 0)
        {
            throw new InvalidDataException("A protobuf field number is never 0.");
        }
        return true;
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= buffer.Length)
            {
                throw new InvalidDataException("A protobuf varint runs past the end of its message.");
            }
            var b = buffer.Span[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
        throw new InvalidDataException("A protobuf varint is longer than ten bytes.");
    }

    public ulong ReadFixed64()
    {
        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(Take(8).Span);
        return value;
    }

    public ReadOnlyMemory<byte> ReadBytes() => Take(checked((int)ReadVarint()));

    public string ReadString() => System.Text.Encoding.UTF8.GetString(ReadBytes().Span);

    public ProtobufReader ReadMessage() => new(ReadBytes());

    public void Skip()
    {
        switch (WireType)
        {
            case Varint:
                ReadVarint();
                break;
            case Fixed64:
                Take(8);
                break;
            case LengthDelimited:
                ReadBytes();
                break;
            case Fixed32:
                Take(4);
                break;
            default:
                throw new InvalidDataException($"Protobuf wire type {WireType} is not one proto3 uses.");
        }
    }

    ReadOnlyMemory<byte> Take(int length)
    {
        if (length < 0 || _position + length > buffer.Length)
        {
            throw new InvalidDataException("A protobuf field runs past the end of its message.");
        }
        var taken = buffer.Slice(_position, length);
        _position += length;
        return taken;
    }
}
