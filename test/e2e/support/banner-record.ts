// What the banner went through on one page load, in either browser: every (state, text) it took, in order,
// and every announcement its live region made. `recordBanner` runs in the page before its scripts
// (addInitScript / evaluateOnNewDocument); `readBannerRecord` reads it back (`page.evaluate`).
export interface BannerRecord {
  states: { state: string; text: string }[];
  spoken: string[];
}

export function recordBanner(): void {
  const w = window as unknown as { __seen: BannerRecord };
  w.__seen = { states: [], spoken: [] };
  const observed = new WeakSet<Node>();
  const look = () => {
    const root = document.getElementById('steward-banner-host')?.shadowRoot;
    if (!root) return;
    if (!observed.has(root)) {
      observed.add(root);
      observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    }
    const banner = root.querySelector('[data-steward="banner"]');
    const state = banner?.getAttribute('data-state') ?? '';
    const text = banner?.textContent ?? '';
    const last = w.__seen.states.at(-1);
    if (state && (last?.state !== state || last.text !== text)) w.__seen.states.push({ state, text });
    const spoken = root.querySelector('[data-steward="announcer"]')?.textContent ?? '';
    if (spoken !== '' && w.__seen.spoken.at(-1) !== spoken) w.__seen.spoken.push(spoken);
  };
  const observer = new MutationObserver(look);
  observer.observe(document, { subtree: true, childList: true });
}

export function readBannerRecord(): BannerRecord {
  return (window as unknown as { __seen: BannerRecord }).__seen;
}
