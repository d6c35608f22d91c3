/**
 * Run first by `npm test`: checks that the machine has what the test tiers need besides node_modules —
 * Java 17+ (DynamoDB Local, for the contract, integration and browser tiers) and Debian's Chromium at
 * `/usr/bin/chromium` (browser tier). Installs what is missing where it may (as root, with apt, without
 * questions); otherwise stops at once with one line saying what to run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const JAVA_MIN = 17;

/** The major version `java -version` reports (`openjdk version "17.0.13"`, old style `"1.8.0_402"`), or undefined. */
export function javaMajor(): number | undefined {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return undefined;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  if (!match) return undefined;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

/** The Debian packages that would supply what is missing (empty when nothing is). */
export function missingPackages(): string[] {
  const missing: string[] = [];
  if ((javaMajor() ?? 0) < JAVA_MIN) missing.push('openjdk-17-jre-headless');
  if (!existsSync(CHROMIUM_PATH)) missing.push('chromium');
  // pdftotext: the document tests read the text of the generated PDFs.
  if (!existsSync('/usr/bin/pdftotext')) missing.push('poppler-utils');
  return missing;
}

function aptInstall(packages: string[]): boolean {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Wait for a lock held by another apt run instead of failing at once.
  const lock = ['-o', 'DPkg::Lock::Timeout=300'];
  const run = (args: string[]) =>
    spawnSync('apt-get', [...lock, ...args], { env, stdio: 'inherit' }).status === 0;
  return run(['update', '-qq']) && run(['install', '-y', '-qq', '--no-install-recommends', ...packages]);
}

function main(): void {
  let missing = missingPackages();
  if (missing.length === 0) return;
  const mayInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (mayInstall) {
    console.log(`npm test: installing ${missing.join(', ')} (apt-get)`);
    if (aptInstall(missing)) missing = missingPackages();
  }
  if (missing.length > 0) {
    console.error(
      `npm test needs Java ${JAVA_MIN}+, ${CHROMIUM_PATH} and pdftotext; run: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
    );
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
