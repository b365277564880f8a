// The banner's stylesheet, written to banner.css by the build (scripts/build.ts) and loaded into the
// banner's shadow root with a <link>: it stays out of the script that every task page parses. Nothing in
// the content script imports this module.
import { TIMELINE_CSS } from '../ui/timeline-css';
import { themeCss, UI_CSS } from '../ui/ui-css';
import { BANNER_CSS } from './banner-css';

export const BANNER_STYLESHEET = `${themeCss('.st-root', false)}\n${UI_CSS}\n${TIMELINE_CSS}\n${BANNER_CSS}`;
