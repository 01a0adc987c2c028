using System.Data.Common;
using System.Text.RegularExpressions;
using OperationRole = Weasel.Core.OperationRole;
using Weasel.Storage;

using Marten.Storage;

using NpgsqlTypes;
using Weasel.Postgresql;

namespace CreditMesh.EventSourcing;

/// <summary>
/// One SQL statement queued in a Marten unit of work, so it commits (or rolls back) with the events and
/// documents of the same SaveChangesAsync, in the same batch. Parameters are written $1, $2… as in Npgsql;
/// a value may carry its PostgreSQL type (e.g. jsonb[]) when it cannot be inferred.
/// </summary>
public sealed partial class SqlOperation(string sql, params object?[] values) : Marten.Internal.Operations.IStorageOperation
{
    public Type DocumentType => typeof(StorageFeatures);

    public void ConfigureCommand(Weasel.Postgresql.ICommandBuilder builder, IStorageSession session)
    {
        var position = 0;
        foreach (Match match in Parameter().Matches(sql))
        {
            builder.Append(sql[position..match.Index]);
            var value = values[int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) - 1];
            if (value is Typed typed) builder.AppendParameter(typed.Value ?? DBNull.Value, typed.Type);
            else builder.AppendParameter(value ?? DBNull.Value);
            position = match.Index + match.Length;
        }
        builder.Append(sql[position..]);
    }

    public Task PostprocessAsync(DbDataReader reader, IList<Exception> exceptions, CancellationToken token) => Task.CompletedTask;

    public OperationRole Role() => OperationRole.Other;

    /// <summary>A parameter value with its PostgreSQL type, for nulls and arrays whose type Npgsql cannot infer.</summary>
    public sealed record Typed(object? Value, NpgsqlDbType Type)
    {
        /// <summary>A text[] whose elements may be null (for set-based statements over unnest).</summary>
        public static Typed Texts(IEnumerable<string?> values) => new(values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);

        /// <summary>A date[] whose elements may be null.</summary>
        public static Typed Dates(IEnumerable<DateOnly?> values) => new(values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Date);
    }

    [GeneratedRegex(@"\$(\d+)")]
    private static partial Regex Parameter();
}
