namespace Callout.Server.WebConsole.Identity;

/// What a console user may do, each role including the ones before it: a viewer reads; a
/// responder also acknowledges pages, writes notes and overrides their own shifts; an
/// administrator does everything.
enum ConsoleRole
{
    Viewer = 0,
    Responder = 1,
    Administrator = 2,
}
