// Steward's colours for Phorge's light and dark themes. Every pair the UI draws (text on a background,
// a dot or border beside text) is listed in PAIRS so test/unit/ui-contrast.test.ts can hold it to WCAG AA:
// 4.5:1 for text, 3:1 for non-text marks (dots, borders, focus rings).

export type ThemeName = 'light' | 'dark';

export const TOKENS = [
  'fg',
  'muted',
  'link',
  'neutralBg',
  'neutralBorder',
  'noticeBg',
  'noticeBorder',
  'noticeFg',
  'warningBg',
  'warningBorder',
  'warningFg',
  'criticalBg',
  'criticalBorder',
  'criticalFg',
  'badgeInfoBg',
  'badgeInfoFg',
  'badgeWarnBg',
  'badgeWarnFg',
  'badgeCriticalBg',
  'badgeCriticalFg',
  'dotActive',
  'dotBusy',
  'dotAway',
  'dotGone',
  'dotUnknown',
  'buttonBg',
  'buttonFg',
  'buttonBorder',
  'primaryBg',
  'primaryFg',
  'focus',
  'tooltipBg',
  'tooltipFg',
  'panelBg',
  'selectedBg',
] as const;
export type Token = (typeof TOKENS)[number];
export type Palette = Record<Token, string>;

// Light follows Phorge's phui-info-view: a tinted box with a strong left border per severity.
const light: Palette = {
  fg: '#2f3238',
  muted: '#555a66',
  link: '#1a5a96',
  neutralBg: '#f7f8fa',
  neutralBorder: '#767e8f',
  noticeBg: '#f1f6fc',
  noticeBorder: '#3570b0',
  noticeFg: '#1a5a96',
  warningBg: '#fdf6e3',
  warningBorder: '#a8650f',
  warningFg: '#7f4a00',
  criticalBg: '#fbeceb',
  criticalBorder: '#c0392b',
  criticalFg: '#a0261b',
  badgeInfoBg: '#e2eaf5',
  badgeInfoFg: '#23466e',
  badgeWarnBg: '#fbe7b5',
  badgeWarnFg: '#5e3b00',
  badgeCriticalBg: '#b3261e',
  badgeCriticalFg: '#ffffff',
  dotActive: '#2a7d3b',
  dotBusy: '#b15f00',
  dotAway: '#c0392b',
  dotGone: '#5f6673',
  dotUnknown: '#737b88',
  buttonBg: '#ffffff',
  buttonFg: '#2f3238',
  buttonBorder: '#767e8f',
  primaryBg: '#2960a6',
  primaryFg: '#ffffff',
  focus: '#1a5a96',
  tooltipBg: '#2f3238',
  tooltipFg: '#ffffff',
  panelBg: '#ffffff',
  selectedBg: '#dde8f6',
};

// Dark follows Phorge's "darkmode" postprocessor: navy panels, light text.
const dark: Palette = {
  fg: '#e4e8ef',
  muted: '#b3bbc8',
  link: '#8fc3ff',
  neutralBg: '#1f2a38',
  neutralBorder: '#7f8ea3',
  noticeBg: '#1c2b3e',
  noticeBorder: '#5b9bd5',
  noticeFg: '#8fc3ff',
  warningBg: '#302818',
  warningBorder: '#d49a3a',
  warningFg: '#f2c36b',
  criticalBg: '#3a1f23',
  criticalBorder: '#e0625a',
  criticalFg: '#ffa39c',
  badgeInfoBg: '#28405e',
  badgeInfoFg: '#d6e7ff',
  badgeWarnBg: '#574013',
  badgeWarnFg: '#ffe2a8',
  badgeCriticalBg: '#ff8f86',
  badgeCriticalFg: '#2a0b0a',
  dotActive: '#5cc46e',
  dotBusy: '#f0a640',
  dotAway: '#ff7b72',
  dotGone: '#9aa4b2',
  dotUnknown: '#8d97a6',
  buttonBg: '#2a384b',
  buttonFg: '#e4e8ef',
  buttonBorder: '#8190a6',
  primaryBg: '#8fc3ff',
  primaryFg: '#0f2238',
  focus: '#8fc3ff',
  tooltipBg: '#e4e8ef',
  tooltipFg: '#1a2330',
  panelBg: '#18222f',
  selectedBg: '#2b4262',
};

export const PALETTES: Record<ThemeName, Palette> = { light, dark };

export type PairKind = 'text' | 'non-text';
export interface ColourPair {
  fg: Token;
  bg: Token;
  kind: PairKind;
  /** Where the pair appears, for the failure message. */
  where: string;
}

const boxes: Token[] = ['neutralBg', 'noticeBg', 'warningBg', 'criticalBg', 'panelBg', 'selectedBg'];

function onEveryBox(fg: Token, kind: PairKind, where: string): ColourPair[] {
  return boxes.map((bg) => ({ fg, bg, kind, where }));
}

/** Every foreground/background combination the banner, popup and assign panel draw. */
export const PAIRS: ColourPair[] = [
  ...onEveryBox('fg', 'text', 'body text'),
  ...onEveryBox('muted', 'text', 'secondary text (roles, sources, times)'),
  ...onEveryBox('link', 'text', 'contact and task links'),
  ...onEveryBox('criticalFg', 'text', 'loud warnings (no process owner, owner unavailable, errors)'),
  ...onEveryBox('dotActive', 'non-text', 'available dot'),
  ...onEveryBox('dotBusy', 'non-text', 'busy dot'),
  ...onEveryBox('dotAway', 'non-text', 'away dot'),
  ...onEveryBox('dotGone', 'non-text', 'disabled/departed dot'),
  ...onEveryBox('dotUnknown', 'non-text', 'unknown availability dot'),
  ...onEveryBox('focus', 'non-text', 'focus ring'),
  ...onEveryBox('buttonBorder', 'non-text', 'button border'),
  { fg: 'noticeFg', bg: 'noticeBg', kind: 'text', where: 'escalation age, info' },
  { fg: 'warningFg', bg: 'warningBg', kind: 'text', where: 'escalation age, warning' },
  { fg: 'criticalFg', bg: 'criticalBg', kind: 'text', where: 'escalation age, critical' },
  { fg: 'noticeBorder', bg: 'noticeBg', kind: 'non-text', where: 'box border, info' },
  { fg: 'warningBorder', bg: 'warningBg', kind: 'non-text', where: 'box border, warning' },
  { fg: 'criticalBorder', bg: 'criticalBg', kind: 'non-text', where: 'box border, critical' },
  { fg: 'neutralBorder', bg: 'neutralBg', kind: 'non-text', where: 'box border, compact' },
  { fg: 'badgeInfoFg', bg: 'badgeInfoBg', kind: 'text', where: 'info badge' },
  { fg: 'badgeWarnFg', bg: 'badgeWarnBg', kind: 'text', where: 'warning badge' },
  { fg: 'badgeCriticalFg', bg: 'badgeCriticalBg', kind: 'text', where: 'critical badge' },
  { fg: 'buttonFg', bg: 'buttonBg', kind: 'text', where: 'button' },
  { fg: 'primaryFg', bg: 'primaryBg', kind: 'text', where: 'primary button' },
  { fg: 'tooltipFg', bg: 'tooltipBg', kind: 'text', where: 'exact-time tooltip' },
];

export const MINIMUM: Record<PairKind, number> = { text: 4.5, 'non-text': 3 };

function kebab(token: string): string {
  return token.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** `--st-fg: #2f3238; ...` for one theme. */
export function paletteDeclarations(theme: ThemeName): string {
  const palette = PALETTES[theme];
  return TOKENS.map((token) => `--st-${kebab(token)}: ${palette[token]};`).join(' ');
}
