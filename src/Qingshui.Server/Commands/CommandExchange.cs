using System.Globalization;
using Qingshui.Hj212;

namespace Qingshui.Server.Commands;

/// <summary>How an exchange ended: its state, the return codes in words, and every answer that came.</summary>
internal sealed record ExchangeResult(StationCommandState State, string? Detail, DateTimeOffset? AnsweredAt, IReadOnlyList<StationAnswer> Answers);

/// <summary>
/// One command awaiting a station's answers (HJ 212-2017 §6.6: 9011 QnRtn, then any data asked for, then 9012 ExeRtn).
/// It ends with the 9012, or at once with a 9011 that refuses (QnRtn other than 1); otherwise the caller's time limit ends it.
/// </summary>
internal sealed class CommandExchange(string command)
{
    private readonly Lock _lock = new();
    private readonly List<StationAnswer> _answers = [];
    private readonly TaskCompletionSource<ExchangeResult> _end = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<ExchangeResult> Ended => _end.Task;

    /// <summary>Whether a packet with this exchange's QN answers it: 9011, 9012, or an upload of the command's own CN (a 1061's data).</summary>
    public bool Accepts(Hj212Message message) =>
        message.Command is CommandCode.RequestResponse or CommandCode.ExecutionResult || string.Equals(message.Command, command, StringComparison.Ordinal);

    /// <summary>Takes an answer with this exchange's QN.</summary>
    public void Take(Hj212Message answer, DateTimeOffset at)
    {
        lock (_lock)
        {
            _answers.Add(StationAnswer.Of(answer, at));
            if (answer.Command == CommandCode.RequestResponse && Code(answer, "QnRtn") is not (int)RequestReturnCode.Ready)
            {
                _end.TrySetResult(Result(StationCommandState.Refused, at));
            }
            else if (answer.Command == CommandCode.ExecutionResult)
            {
                bool success = Code(answer, "ExeRtn") == (int)ExecutionReturnCode.Success;
                _end.TrySetResult(Result(success ? StationCommandState.Done : StationCommandState.Refused, at));
            }
        }
    }

    /// <summary>What came before the time limit or the connection's end, which ends the exchange with <paramref name="why"/>.</summary>
    public ExchangeResult Unfinished(string why)
    {
        lock (_lock)
        {
            string? codes = Codes();
            ExchangeResult result = Result(StationCommandState.TimedOut, _answers.Count == 0 ? null : _answers[^1].ReceivedAt) with
            {
                Detail = codes is null ? why : $"{why}; so far {codes}",
            };
            _end.TrySetResult(result);
            return _end.Task.Result;
        }
    }

    private ExchangeResult Result(StationCommandState state, DateTimeOffset? at) => new(state, Codes(), at, [.. _answers]);

    // The return codes in words, as the log and the API show them: "QnRtn=1 (Ready), ExeRtn=1 (Success)".
    private string? Codes()
    {
        IEnumerable<string> codes = _answers.Select(a => a.Command switch
        {
            CommandCode.RequestResponse => Describe<RequestReturnCode>("QnRtn", a.Data),
            CommandCode.ExecutionResult => Describe<ExecutionReturnCode>("ExeRtn", a.Data),
            _ => $"{a.Command} {a.DataText}",
        });
        string text = string.Join(", ", codes);
        return text.Length == 0 ? null : text;
    }

    private static string Describe<TCode>(string field, DataArea data) where TCode : struct, Enum
    {
        string? text = data.Field(field);
        if (text is null)
        {
            return $"{field} missing";
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int code) && Enum.IsDefined(typeof(TCode), code)
            ? $"{field}={code} ({(TCode)Enum.ToObject(typeof(TCode), code)})"
            : $"{field}={text} (unknown code)";
    }

    private static int? Code(Hj212Message answer, string field) =>
        int.TryParse(answer.Data.Field(field), NumberStyles.None, CultureInfo.InvariantCulture, out int code) ? code : null;
}
