// Where banner.css sits in the extension: written there by the build, exposed to web pages by the
// manifest (only on http(s) pages, as the assign frame), linked from the banner's shadow root.
export const BANNER_STYLESHEET_PATH = 'banner.css';
