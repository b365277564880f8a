// The files the task-page content script is made of, all written by the build (scripts/build.ts):
// - banner-style.js, injected just before content.js: it hands the banner's stylesheet to content.js as
//   text, so the banner's first render carries its styles in a <style> and is seen styled at once;
// - content.js, the banner;
// - banner.css, the same sheet as a file, exposed to web pages (only http(s) ones, as the assign frame):
//   linked from the shadow root when the text is missing (a registration made by an older release, which
//   injects content.js alone, until the worker replaces it).
export const BANNER_STYLE_SCRIPT_PATH = 'banner-style.js';
export const BANNER_STYLESHEET_PATH = 'banner.css';
/** Injected in this order, into the same world. */
export const CONTENT_SCRIPT_FILES: readonly string[] = [BANNER_STYLE_SCRIPT_PATH, 'content.js'];
/** The global, in the content scripts' own world (not the page's), that banner-style.js sets. */
export const BANNER_STYLE_GLOBAL = 'stewardBannerStyle';
