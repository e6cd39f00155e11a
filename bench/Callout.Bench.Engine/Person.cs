namespace Callout.Bench.Engine;

/// A PERSONAL contact whose plan pages all its channels at once, every minute.
sealed record Person(int Index, string Account, string Arn);
