// The task the demo opens first: the watched UBN! in the worst state, as the popup orders them
// (severity, then the longest escalation).
import type { WatchlistView } from '../../src/messages';

const rank: Record<string, number> = { critical: 3, warning: 2, info: 1 };

export function worstTask(view: WatchlistView): number | null {
  const rows = [...view.rows].sort(
    (a, b) =>
      (rank[b.severity ?? ''] ?? 0) - (rank[a.severity ?? ''] ?? 0) ||
      (a.escalation?.escalatedAt ?? Infinity) - (b.escalation?.escalatedAt ?? Infinity),
  );
  return rows[0]?.task.id ?? null;
}
