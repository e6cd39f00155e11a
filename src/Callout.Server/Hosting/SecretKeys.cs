using System.Security.Cryptography;

namespace Callout.Server.Hosting;

/// The key that seals pagination tokens. Kept in the data directory so tokens survive a restart;
/// in memory mode it lives as long as the process.
static class SecretKeys
{
    public static byte[] PageTokenKey(ServerOptions options)
    {
        if (options.InMemory)
        {
            return RandomNumberGenerator.GetBytes(32);
        }
        var path = Path.Combine(options.DataDirectory, "page-token.key");
        if (File.Exists(path))
        {
            var existing = File.ReadAllBytes(path);
            if (existing.Length == 32)
            {
                return existing;
            }
        }
        Directory.CreateDirectory(options.DataDirectory);
        var key = RandomNumberGenerator.GetBytes(32);
        File.WriteAllBytes(path, key);
        return key;
    }
}
