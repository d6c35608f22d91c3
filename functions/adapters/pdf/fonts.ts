/**
 * The fonts every document embeds (SIL Open Font License 1.1): Noto Sans for Latin, Cyrillic and Greek,
 * Noto Naskh Arabic for Arabic, Dari and Farsi. Package-relative paths; data only, so the deployment can read
 * it to ship the files beside the bundle.
 */
export const FONT_FILES = [
  '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  '@expo-google-fonts/noto-naskh-arabic/400Regular/NotoNaskhArabic_400Regular.ttf',
  '@expo-google-fonts/noto-naskh-arabic/700Bold/NotoNaskhArabic_700Bold.ttf',
] as const;

/** Where a deployed function finds them: `fonts/` beside its bundle. */
export const DEPLOYED_FONTS_DIR = 'fonts';
