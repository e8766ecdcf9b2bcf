using System.Security.Cryptography;
using System.Text;

namespace RecoveryLedger.Api.Journeys;

/// <summary>
/// Name-based UUIDs (version 8, SHA-256): the same names always give the same id. Used where an id
/// must follow from what a record is about, so that writing it twice collides instead of duplicating.
/// </summary>
public static class DeterministicGuid
{
    public static Guid From(params ReadOnlySpan<string> names)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', names.ToArray())));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16));
    }
}
