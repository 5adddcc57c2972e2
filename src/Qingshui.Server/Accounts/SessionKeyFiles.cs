using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Qingshui.Server.Accounts;

/// <summary>
/// Where the keys that protect session cookies (ASP.NET Core data protection) are kept: one XML file per key in a folder
/// of the server's data directory, so that sessions survive a restart. On Linux and macOS the folder is 700 and each
/// file 600 from the moment it is created: whoever reads a key can forge any member's session.
/// </summary>
internal sealed class SessionKeyFiles(string directory) : IXmlRepository
{
    /// <summary>The folder in the server's data directory.</summary>
    public static string DirectoryFor(ServerOptions options) => Path.Combine(options.DataDirectory, "session-keys");

    public string Directory { get; } = directory;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        return [.. System.IO.Directory.EnumerateFiles(Directory, "*.xml").Order(StringComparer.Ordinal).Select(file => XElement.Load(file))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        string name = friendlyName.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? friendlyName : Guid.NewGuid().ToString();
        string target = Path.Combine(Directory, name + ".xml");
        string temporary = Path.Combine(Directory, name + "." + Guid.NewGuid().ToString("N") + ".tmp");
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
            element.Save(temporary);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var owner = new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            };
            using (var stream = new FileStream(temporary, owner))
            {
                element.Save(stream);
            }
        }

        // Written whole, then renamed: a reader never sees half a key.
        File.Move(temporary, target, overwrite: false);
    }
}
