// The guide's web address as the handout may print it: never a reserved example address, which would send readers nowhere.
import type { Diagnostic } from '../diagnostics.js';
import type { Guide } from '../content/load.js';
import { positionOf } from '../content/yaml.js';

/** Names set aside for examples and tests (RFC 2606 and RFC 6761): no guide is ever published there. */
const RESERVED_DOMAINS = ['example.org', 'example.com', 'example.net'];
const RESERVED_TOP_LEVEL = ['example', 'test', 'invalid', 'localhost'];

export function isReservedExampleAddress(address: string): boolean {
  let host: string;
  try {
    host = new URL(address).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return false;
  }
  if (RESERVED_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`))) return true;
  return RESERVED_TOP_LEVEL.includes(host.split('.').at(-1) ?? '');
}

/** The address to print (null when there is none or it is a placeholder), and a warning naming the line that sets a placeholder. */
export function printableWebAddress(guide: Guide): { address: string | null; diagnostics: Diagnostic[] } {
  const address = guide.meta.web_address;
  if (!address) return { address: null, diagnostics: [] };
  if (!isReservedExampleAddress(address)) return { address, diagnostics: [] };
  const source = guide.sources.find((s) => s.data && typeof s.data === 'object' && 'web_address' in (s.data as object));
  const place = source ? { file: source.file, ...positionOf(source, ['web_address']) } : { file: guide.dir };
  const warning: Diagnostic = {
    severity: 'warning',
    code: 'placeholder-address',
    message: `web_address ${address} is a reserved example address, so the handout leaves out the QR code and the address`,
    hint: 'set web_address to where you publish the guide, or remove it; the handout then says where to ask for the guide',
    ...place,
  };
  return { address: null, diagnostics: [warning] };
}
