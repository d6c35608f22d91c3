import { containsEicar, type ScanVerdict } from '#core/attachments';
import type { MalwareScanner } from '#ports/malware-scanner';

/**
 * The local stand-in for the malware scan: flags the EICAR test signature anywhere in the content and
 * answers at once. It finds nothing else; it exists so that the quarantine path runs the same way locally.
 */
export class EicarScanner implements MalwareScanner {
  async scan(object: { content: Uint8Array }): Promise<ScanVerdict> {
    return containsEicar(object.content) ? 'infected' : 'clean';
  }
}
