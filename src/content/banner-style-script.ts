// banner-style.js, as the build writes it: one statement that leaves the stylesheet's text in the content
// scripts' world for content.js, injected right after it (stylesheet.ts). Nothing in the content script
// imports this module.
import { BANNER_STYLE_GLOBAL } from '../shared/content-files';

export function bannerStyleScript(css: string): string {
  // JSON's string syntax is JavaScript's: the sheet cannot end the literal or run as code.
  return `globalThis.${BANNER_STYLE_GLOBAL}=${JSON.stringify(css)};\n`;
}
