// QR codes as the handout prints them (error correction M), with the qrcode library loaded on first use: it and pngjs are 57 files a run without a web address never needs.
import { createRequire } from 'node:module';
import type QRCodeLibrary from 'qrcode';

let library: typeof QRCodeLibrary | undefined;

/** The QR code of `address` at medium error correction (it survives a fold or a smudge); throws if no code can hold it. */
export function qrCodeOf(address: string): QRCodeLibrary.QRCode {
  library ??= createRequire(import.meta.url)('qrcode') as typeof QRCodeLibrary;
  return library.create(address, { errorCorrectionLevel: 'M' });
}
