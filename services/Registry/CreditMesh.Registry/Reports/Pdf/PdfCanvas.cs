using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CreditMesh.Registry.Reports.Pdf;

/// <summary>A column of a table: its heading, its share of the width and what it shows of an item.</summary>
public sealed record PdfColumn<T>(string Title, double Share, Func<T, string?> Value);

/// <summary>
/// A4 pages written top to bottom: a running header (set by the caller) on every page, headings, paragraphs and tables
/// whose rows wrap and continue on the next page with the table's heading repeated, and page numbers once all pages exist.
/// </summary>
public sealed class PdfCanvas : IDisposable
{
    public const double Margin = 48, Top = 70, Bottom = 790;
    private const double Padding = 3;
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
    private static readonly XColor Ink = XColor.FromArgb(33, 37, 41), Muted = XColor.FromArgb(108, 117, 125), Rule = XColor.FromArgb(206, 212, 218),
        Shade = XColor.FromArgb(233, 236, 239), Accent = XColor.FromArgb(176, 31, 36);

    private readonly PdfDocument _document = new();
    private readonly Action<XGraphics, PdfCanvas> _header;
    private readonly Dictionary<(double Size, int Rune), double> _widths = [];
    private XGraphics? _graphics;

    public PdfCanvas(Action<XGraphics, PdfCanvas> header) => _header = header;

    public double Y { get; private set; } = Bottom;
    /// <summary>The width between the margins of an A4 page (595.28 pt wide).</summary>
    public const double Width = 595.28 - 2 * Margin;

    private readonly Dictionary<double, XFont> _fonts = [];

    public XFont Font(double size)
    {
        if (!_fonts.TryGetValue(size, out var font)) _fonts[size] = font = new XFont(CjkFont.Family, size, XFontStyleEx.Regular, Unicode);
        return font;
    }

    private static readonly XBrush InkBrush = new XSolidBrush(Ink), MutedBrush = new XSolidBrush(Muted), AccentBrush = new XSolidBrush(Accent),
        ShadeBrush = new XSolidBrush(Shade);
    private static readonly XPen RulePen = new(Rule, 0.5);

    public static XBrush Brush(bool muted = false, bool accent = false) => accent ? AccentBrush : muted ? MutedBrush : InkBrush;

    public XGraphics Graphics => _graphics ?? throw new InvalidOperationException("No page yet.");

    public void NewPage()
    {
        _graphics?.Dispose();
        var page = _document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        _graphics = XGraphics.FromPdfPage(page);
        _header(_graphics, this);
        Y = Top;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> fits below the current position.</summary>
    public void Need(double height)
    {
        if (_graphics is null || Y + height > Bottom) NewPage();
    }

    public void Skip(double height) => Y += height;

    /// <summary>Wrapped text across the page's width (or <paramref name="width"/>), starting at <paramref name="x"/>.</summary>
    public void Paragraph(string text, double size, bool muted = false, bool accent = false, double x = Margin, double? width = null)
    {
        var font = Font(size);
        foreach (var line in Lines(text, size, width ?? Width - (x - Margin)))
        {
            Need(size * 1.45);
            Graphics.DrawString(line, font, Brush(muted, accent), new XRect(x, Y, width ?? Width, size * 1.45), XStringFormats.TopLeft);
            Y += size * 1.45;
        }
    }

    /// <summary>A table of <paramref name="items"/>; rows taller than what is left of a page continue on the next one.</summary>
    public void Table<T>(IReadOnlyList<PdfColumn<T>> columns, IEnumerable<T> items, double size = 8)
    {
        var widths = columns.Select(c => c.Share / columns.Sum(k => k.Share) * Width).ToArray();
        var lineHeight = size * 1.4;
        var headings = columns.Select((c, i) => Lines(c.Title, size, widths[i] - 2 * Padding)).ToArray();
        void Heading()
        {
            var height = headings.Max(h => h.Count) * lineHeight + 2 * Padding;
            Need(height + lineHeight + 2 * Padding);
            Row(headings, widths, 0, headings.Max(h => h.Count), size, shaded: true);
        }
        Heading();
        foreach (var item in items)
        {
            var cells = columns.Select((c, i) => Lines(c.Value(item) ?? "—", size, widths[i] - 2 * Padding)).ToArray();
            var total = cells.Max(c => c.Count);
            for (var from = 0; from < total;)
            {
                var fits = (int)((Bottom - Y - 2 * Padding) / lineHeight);
                if (fits < 1 || (from == 0 && fits < total && total * lineHeight + 2 * Padding <= Bottom - Top - 40))
                {
                    NewPage();
                    Heading();
                    continue;
                }
                var count = Math.Min(fits, total - from);
                Row(cells, widths, from, count, size, shaded: false);
                from += count;
            }
        }
        Y += lineHeight;
    }

    /// <summary>
    /// One row (or the part of it that fits): each line of each cell, then the row's rule and column separators — a few lines
    /// per row rather than a box per cell, since a 1,000-record report draws tens of thousands of cells.
    /// </summary>
    private void Row(IReadOnlyList<IReadOnlyList<string>> cells, double[] widths, int from, int count, double size, bool shaded)
    {
        var lineHeight = size * 1.4;
        var height = count * lineHeight + 2 * Padding;
        var font = Font(size);
        var ascent = font.GetHeight() * font.CellAscent / font.CellSpace; // where TopLeft alignment puts the baseline
        if (shaded) Graphics.DrawRectangle(ShadeBrush, Margin, Y, Width, height);
        var x = Margin;
        for (var c = 0; c < cells.Count; c++)
        {
            for (var l = 0; l < count && from + l < cells[c].Count; l++)
                Graphics.DrawString(cells[c][from + l], font, InkBrush, x + Padding, Y + Padding + l * lineHeight + ascent);
            if (c > 0) Graphics.DrawLine(RulePen, x, Y, x, Y + height);
            x += widths[c];
        }
        Graphics.DrawLine(RulePen, Margin, Y, Margin, Y + height);
        Graphics.DrawLine(RulePen, Margin + Width, Y, Margin + Width, Y + height);
        Graphics.DrawLine(RulePen, Margin, Y, Margin + Width, Y);
        Graphics.DrawLine(RulePen, Margin, Y + height, Margin + Width, Y + height);
        Y += height;
    }

    /// <summary>
    /// Greedy line breaking by measured width: Chinese breaks between any two characters, other text at its last space when
    /// it has one on the line. Widths are measured once per character and size.
    /// </summary>
    public IReadOnlyList<string> Lines(string text, double size, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r", "").Split('\n'))
        {
            var line = new StringBuilder();
            var used = 0.0;
            foreach (var rune in paragraph.EnumerateRunes())
            {
                var w = WidthOf(rune, size);
                if (used + w > width && line.Length > 0)
                {
                    var space = rune.Value < 0x2E80 ? line.ToString().LastIndexOf(' ') : -1;
                    var carried = space > 0 ? line.ToString(space + 1, line.Length - space - 1) : "";
                    lines.Add(space > 0 ? line.ToString(0, space) : line.ToString());
                    line.Clear().Append(carried);
                    used = carried.EnumerateRunes().Sum(r => WidthOf(r, size));
                }
                line.Append(rune.ToString());
                used += w;
            }
            lines.Add(line.ToString());
        }
        return lines;
    }

    private double WidthOf(Rune rune, double size)
    {
        if (!_widths.TryGetValue((size, rune.Value), out var width))
            _widths[(size, rune.Value)] = width = Graphics.MeasureString(rune.ToString(), Font(size)).Width;
        return width;
    }

    /// <summary>Writes "page n of N" on every page (known once all exist) and returns the PDF's bytes.</summary>
    public byte[] Finish(Func<int, int, string> pageLabel)
    {
        _graphics?.Dispose();
        _graphics = null;
        var font = Font(7.5);
        for (var i = 0; i < _document.PageCount; i++)
        {
            using var g = XGraphics.FromPdfPage(_document.Pages[i], XGraphicsPdfPageOptions.Append);
            g.DrawLine(RulePen, Margin, Bottom + 12, Margin + Width, Bottom + 12);
            g.DrawString(pageLabel(i + 1, _document.PageCount), font, Brush(muted: true), new XRect(Margin, Bottom + 16, Width, 12), XStringFormats.TopCenter);
        }
        using var output = new MemoryStream();
        _document.Save(output);
        return output.ToArray();
    }

    public void Dispose()
    {
        _graphics?.Dispose();
        _document.Dispose();
    }
}
