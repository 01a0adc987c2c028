using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CreditMesh.Evaluation.Domain.Sampling;

/// <summary>
/// The pseudo-random generator of 双随机 draws: xoshiro256** (Blackman and Vigna) seeded with SHA-256 of the seed text, so a draw
/// is reproducible from its recorded seed on any platform and by anyone who implements the published algorithm, independent of
/// the .NET runtime's own Random.
/// </summary>
public sealed class SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public SeededRandom(string seed)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        _s0 = BinaryPrimitives.ReadUInt64LittleEndian(hash.AsSpan(0));
        _s1 = BinaryPrimitives.ReadUInt64LittleEndian(hash.AsSpan(8));
        _s2 = BinaryPrimitives.ReadUInt64LittleEndian(hash.AsSpan(16));
        _s3 = BinaryPrimitives.ReadUInt64LittleEndian(hash.AsSpan(24));
        if ((_s0 | _s1 | _s2 | _s3) == 0) _s0 = 1; // the all-zero state is the one xoshiro cannot leave
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform integer in [0, bound), without modulo bias (values of the short last stretch are drawn again).</summary>
    public int Next(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        var limit = ulong.MaxValue - ulong.MaxValue % (ulong)bound;
        ulong value;
        do value = NextUInt64(); while (value >= limit);
        return (int)(value % (ulong)bound);
    }
}
