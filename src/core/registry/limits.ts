/** The biggest registry source Steward reads. The real Maintainers page is about 0.3 MB; 5 MB leaves room. */
export const MAX_REGISTRY_BYTES = 5 * 1024 * 1024;
