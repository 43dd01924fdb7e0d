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

const DICT = /<<((?:[^<>]|<<(?:[^<>]|<<[^<>]*>>)*>>|<[^<>]*>)*)>>/;

interface PdfObject {
  dict: string;
  data: Buffer | null;
}

/** Every indirect object (`N 0 obj << … >> [stream … endstream]`), by number. */
function pdfObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const re = new RegExp(`(\\d+) 0 obj\\s*${DICT.source}(\\s*stream\\r?\\n)?`, 'g');
  let match: RegExpExecArray | null;
  while ((match = re.exec(text)) !== null) {
    const dict = match[2];
    let data: Buffer | null = null;
    if (match[3]) {
      const start = match.index + match[0].length;
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
      data = pdf.subarray(start, start + length);
      if (/\/Filter\s*\/FlateDecode/.test(dict)) data = inflateSync(data);
    }
    objects.set(Number(match[1]), { dict, data });
  }
  return objects;
}

/** A ToUnicode CMap (bfrange and bfchar) as glyph code → text. */
function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string): string =>
    String.fromCharCode(...(hex.match(/[0-9a-f]{4}/gi) ?? []).map((h) => parseInt(h, 16)));
  for (const [, body] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    const re = /<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(\[[^\]]*\]|<[0-9a-f\s]+>)/gi;
    for (const [, from, to, target] of body.matchAll(re)) {
      const first = parseInt(from, 16);
      if (target.startsWith('[')) {
        [...target.matchAll(/<([0-9a-f\s]+)>/gi)].forEach(([, hex], i) =>
          map.set(first + i, utf16(hex.replace(/\s/g, ''))),
        );
      } else {
        const base = utf16(target.slice(1, -1).replace(/\s/g, ''));
        for (let code = first; code <= parseInt(to, 16); code++) {
          const last = base.charCodeAt(base.length - 1) + (code - first);
          map.set(code, base.slice(0, -1) + String.fromCharCode(last));
        }
      }
    }
  }
  for (const [, body] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, target] of body.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f\s]+)>/gi)) {
      map.set(parseInt(code, 16), utf16(target.replace(/\s/g, '')));
    }
  }
  return map;
}

/**
 * The text shown by the pages' content streams (hex strings in Tj / TJ),
 * decoded as a reader would: through the font's ToUnicode CMap for embedded
 * fonts (two-byte glyph codes), as WinAnsi (Latin-1) for the standard ones.
 */
export function pdfText(pdf: Buffer): string {
  const objects = pdfObjects(pdf);
  const parts: string[] = [];
  for (const page of objects.values()) {
    if (!/\/Type\s*\/Page\b/.test(page.dict)) continue;
    const resourcesRef = /\/Resources (\d+) 0 R/.exec(page.dict)?.[1];
    const resources = resourcesRef ? (objects.get(Number(resourcesRef))?.dict ?? '') : page.dict;
    const fontRefs = /\/Font\s*<<([^>]*)>>/.exec(resources)?.[1] ?? '';
    const fonts = new Map<string, Map<number, string> | null>();
    for (const [, name, ref] of fontRefs.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
      const font = objects.get(Number(ref));
      const toUnicode = font && /\/ToUnicode (\d+) 0 R/.exec(font.dict);
      const cmap = toUnicode ? objects.get(Number(toUnicode[1]))?.data : null;
      fonts.set(name, cmap ? parseToUnicode(cmap.toString('latin1')) : null);
    }
    const contents = [...(/\/Contents\s*(?:\[([^\]]*)\]|(\d+ 0 R))/.exec(page.dict) ?? [])]
      .slice(1)
      .join(' ');
    for (const [, ref] of contents.matchAll(/(\d+) 0 R/g)) {
      const content = objects.get(Number(ref))?.data?.toString('latin1') ?? '';
      let font: Map<number, string> | null = null;
      const ops = /\/(\w+)\s+[\d.]+\s+Tf|\[([^\]]*)\]\s*TJ|(<[0-9a-fA-F]*>)\s*Tj/g;
      for (const [, fontName, array, single] of content.matchAll(ops)) {
        if (fontName) {
          font = fonts.get(fontName) ?? null;
          continue;
        }
        let line = '';
        for (const [, hex] of (array ?? single).matchAll(/<([0-9a-fA-F]*)>/g)) {
          if (font) {
            for (let i = 0; i + 4 <= hex.length; i += 4) {
              line += font.get(parseInt(hex.slice(i, i + 4), 16)) ?? '\ufffd';
            }
          } else {
            line += Buffer.from(hex, 'hex').toString('latin1');
          }
        }
        parts.push(line);
      }
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
