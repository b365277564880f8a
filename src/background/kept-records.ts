// Records of one IndexedDB store kept in memory for the tasks viewed lately, so that a banner's two asks,
// a reload and a return to a task read nothing from the store. The module that owns the store makes every
// write to it and calls `written` before each, which drops the kept record; a read that a write overtook
// is not kept, as it may hold what the write replaced. An absent record is kept too (until written).

export class KeptRecords<T> {
  private readonly kept = new Map<string, T | null>();
  private writes = 0;

  constructor(private readonly limit: number) {}

  /** The record under `key`, from memory when it was read lately; else from `load`, then kept. */
  async read(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    const kept = this.kept.get(key);
    if (kept !== undefined) {
      // The newest use last, so the record dropped to make room is the one used longest ago.
      this.kept.delete(key);
      this.kept.set(key, kept);
      return kept ?? undefined;
    }
    const before = this.writes;
    const record = await load();
    if (this.writes === before) {
      if (this.kept.size >= this.limit) this.kept.delete(this.kept.keys().next().value!);
      this.kept.set(key, record ?? null);
    }
    return record;
  }

  /** Called before every write of the record under `key`. */
  written(key: string): void {
    this.writes++;
    this.kept.delete(key);
  }

  /** Forgets every kept record (after the store was changed behind its module: benchmarks). */
  forget(): void {
    this.writes++;
    this.kept.clear();
  }
}
