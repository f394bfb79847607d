// A transcript as Nedzo sends it — lines of "Speaker: words" — as turns, each with its speaker named. A
// line without a speaker continues the turn before it; a transcript with no speakers at all is one block.

export type Turn = { speaker: string | null; text: string };

const SPEAKER = /^\s*([A-Za-z][\w .'-]{0,30}):\s?(.*)$/;

export function turnsOf(transcript: string): Turn[] {
  const turns: Turn[] = [];
  for (const line of transcript.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const m = SPEAKER.exec(line);
    if (m) turns.push({ speaker: m[1].trim(), text: m[2] });
    else if (turns.length) turns[turns.length - 1].text += `\n${line}`;
    else turns.push({ speaker: null, text: line });
  }
  return turns;
}

/** "AI" is the agent; anyone else is the person called. */
const isAgent = (speaker: string | null) => /^(ai|agent|assistant|bot)$/i.test(speaker ?? "");

export function Transcript({ transcript }: { transcript: string }) {
  const turns = turnsOf(transcript);
  return (
    <ol className="grid gap-3" aria-label="Transcript">
      {turns.map((t, i) => (
        <li
          key={i}
          className={`grid max-w-[85%] gap-1 rounded-lg border p-3 text-sm ${isAgent(t.speaker) ? "bg-muted" : "ml-auto bg-card"}`}
        >
          <span className="text-xs font-semibold text-muted-foreground">{t.speaker ?? "Transcript"}</span>
          <span className="whitespace-pre-wrap">{t.text}</span>
        </li>
      ))}
    </ol>
  );
}
