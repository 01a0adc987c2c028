using System.Buffers.Binary;
using PdfSharp.Fonts;

namespace CreditMesh.Registry.Reports.Pdf;

/// <summary>
/// The one font PDF reports use, embedded (subset) so Chinese text prints on any reader: every family PDFsharp asks for
/// resolves to it. PDFsharp's font resolver is process-wide, so it is installed once.
/// </summary>
public sealed class CjkFont : IFontResolver
{
    public const string Family = "CreditMesh CJK";

    private static readonly Lock Gate = new();
    private readonly byte[] _face;

    private CjkFont(byte[] face) => _face = face;

    /// <summary>Installs the font at <paramref name="path"/> (a .ttf, or a .ttc whose first face is taken) unless one is installed already.</summary>
    public static void Install(string path)
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is CjkFont) return;
            GlobalFontSettings.FontResolver = new CjkFont(FirstFace(File.ReadAllBytes(path)));
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(Family);

    public byte[]? GetFont(string faceName) => _face;

    /// <summary>
    /// PDFsharp reads single fonts only, and Debian ships its CJK fonts as TrueType collections: this writes the collection's
    /// first face as a font file of its own (OpenType spec, "TTC header" and "table directory": the table records of one face,
    /// their tables copied behind them, each on a 4-byte boundary). A file that is not a collection is returned as it is.
    /// </summary>
    public static byte[] FirstFace(byte[] file)
    {
        var source = file.AsSpan();
        if (source.Length < 16 || BinaryPrimitives.ReadUInt32BigEndian(source) != 0x74746366) return file; // 'ttcf'
        var at = (int)BinaryPrimitives.ReadUInt32BigEndian(source[12..]);
        var count = BinaryPrimitives.ReadUInt16BigEndian(source[(at + 4)..]);
        var tables = new List<(uint Tag, uint Checksum, int Offset, int Length)>(count);
        for (var i = 0; i < count; i++)
        {
            var record = source[(at + 12 + 16 * i)..];
            tables.Add((BinaryPrimitives.ReadUInt32BigEndian(record), BinaryPrimitives.ReadUInt32BigEndian(record[4..]),
                (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]), (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..])));
        }
        var headerLength = 12 + 16 * count;
        var font = new byte[headerLength + tables.Sum(t => Padded(t.Length))];
        source.Slice(at, 12).CopyTo(font); // sfnt version, table count, search fields
        var next = headerLength;
        for (var i = 0; i < tables.Count; i++)
        {
            var (tag, checksum, offset, length) = tables[i];
            var record = font.AsSpan(12 + 16 * i);
            BinaryPrimitives.WriteUInt32BigEndian(record, tag);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], checksum);
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)next);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)length);
            source.Slice(offset, length).CopyTo(font.AsSpan(next));
            next += Padded(length);
        }
        return font;
    }

    private static int Padded(int length) => (length + 3) & ~3;
}
