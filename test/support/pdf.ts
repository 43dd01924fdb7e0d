import jsQR from 'jsqr';
import { inflateSync } from 'node:zlib';

interface PdfStream {
  dict: string;
  data: Buffer;
}

/** Every stream object of a PDF, its dictionary and its (inflated when Flate) data. */
export function pdfStreams(pdf: Buffer): PdfStream[] {
  const text = pdf.toString('latin1');
  const streams: PdfStream[] = [];
  const re = /<<((?:[^<>]|<<(?:[^<>]|<<[^<>]*>>)*>>|<[^<>]*>)*)>>\s*stream\r?\n/g;
  let match: RegExpExecArray | null;
  while ((match = re.exec(text)) !== null) {
    const dict = match[1];
    const start = match.index + match[0].length;
    const length = /\/Length (\d+)/.exec(dict);
    const end = length ? start + Number(length[1]) : text.indexOf('endstream', start);
    let data = pdf.subarray(start, end);
    if (/\/Filter\s*\/FlateDecode/.test(dict)) {
      try {
        data = inflateSync(data);
      } catch {
        // leave it as is
      }
    }
    streams.push({ dict, data });
  }
  return streams;
}

/** The text shown by the content streams (hex or literal strings in Tj / TJ), WinAnsi decoded. */
export function pdfText(pdf: Buffer): string {
  const parts: string[] = [];
  for (const { dict, data } of pdfStreams(pdf)) {
    if (/\/Subtype\s*\/Image/.test(dict)) continue;
    const content = data.toString('latin1');
    for (const array of content.matchAll(/\[([^\]]*)\]\s*TJ|(<[0-9a-fA-F]*>)\s*Tj/g)) {
      const body = array[1] ?? array[2];
      let line = '';
      for (const hex of body.matchAll(/<([0-9a-fA-F]*)>/g)) {
        line += Buffer.from(hex[1], 'hex').toString('latin1');
      }
      parts.push(line);
    }
  }
  return parts.join('\n');
}

/** Decodes the first QR code found in the RGB or grey images of a PDF. */
export function pdfQrCode(pdf: Buffer): string | null {
  for (const { dict, data } of pdfStreams(pdf)) {
    if (!/\/Subtype\s*\/Image/.test(dict)) continue;
    const width = Number(/\/Width (\d+)/.exec(dict)?.[1]);
    const height = Number(/\/Height (\d+)/.exec(dict)?.[1]);
    const channels = /\/DeviceRGB/.test(dict) ? 3 : /\/DeviceGray/.test(dict) ? 1 : 0;
    if (!width || !height || !channels || /\/Predictor/.test(dict)) continue;
    if (data.length < width * height * channels) continue;
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < width * height; i++) {
      for (let c = 0; c < 3; c++) rgba[i * 4 + c] = data[i * channels + (channels === 3 ? c : 0)];
      rgba[i * 4 + 3] = 255;
    }
    const found = jsQR(rgba, width, height);
    if (found) return found.data;
  }
  return null;
}
