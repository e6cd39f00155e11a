using Callout.Server.Hosting;
using Xunit;

namespace Callout.Tests.Configuration;

/// `callout [VERB] [options]`: the first argument is the verb unless it is an option, so command
/// lines from before verbs existed still serve.
public sealed class VerbSplitTests
{
    [Theory]
    [InlineData(new string[0], "Serve", 0)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:1" }, "Serve", 2)]
    [InlineData(new[] { "serve", "--in-memory" }, "Serve", 1)]
    [InlineData(new[] { "check-config", "--config", "x.json" }, "CheckConfig", 2)]
    [InlineData(new[] { "migrate" }, "Migrate", 0)]
    [InlineData(new[] { "backup", "--to", "f" }, "Backup", 2)]
    [InlineData(new[] { "restore" }, "Restore", 0)]
    public void the_verb_is_split_from_its_options(string[] args, string verb, int options)
    {
        var invocation = Verbs.Split(args);

        Assert.Equal(verb, invocation.Verb?.ToString());
        Assert.Equal(args.TakeLast(options), invocation.Arguments);
    }

    [Theory]
    [InlineData("Serve")]
    [InlineData("checkconfig")]
    [InlineData("x")]
    public void a_word_that_is_no_verb_is_unknown(string word)
    {
        var invocation = Verbs.Split([word, "--in-memory"]);

        Assert.Null(invocation.Verb);
        Assert.Equal(word, invocation.Name);
    }
}
