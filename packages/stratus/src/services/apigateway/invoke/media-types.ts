/**
 * Whether `mediaType` (a Content-Type or Accept value; only its first type counts, as AWS reads
 * it) is one of the API's binary media types. Entries may use wildcards: `image/*`, `*\/*`.
 */
export function isBinaryMediaType(
  mediaType: string | undefined,
  binaryMediaTypes: readonly string[],
): boolean {
  if (!mediaType || binaryMediaTypes.length === 0) return false;
  const [type, subtype] = mediaType.split(',')[0]!.split(';')[0]!.trim().toLowerCase().split('/');
  if (!type || !subtype) return false;
  return binaryMediaTypes.some((entry) => {
    const [entryType, entrySubtype] = entry.split(';')[0]!.trim().toLowerCase().split('/');
    return (entryType === '*' || entryType === type) && (entrySubtype === '*' || entrySubtype === subtype);
  });
}
