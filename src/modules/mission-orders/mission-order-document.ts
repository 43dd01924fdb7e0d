import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

/**
 * DejaVu Sans (package dejavu-fonts-ttf; Bitstream Vera licence, DejaVu
 * changes in the public domain), embedded in every PDF. The standard
 * Helvetica covers Latin-1 only: Bambara and Fulfulde names (ɛ ɔ ɲ ŋ ɓ ɗ ƴ)
 * came out garbled and no longer matched the ID card. Read once; pdfkit
 * embeds only the glyphs a document uses.
 */
const FONTS = {
  regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
  bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
};

export interface MissionOrderDocumentInput {
  orderNumber: string;
  authorityName: string;
  holder: { legalName: string; idDocumentNumber: string };
  areaNames: string[];
  validFrom: Date;
  validUntil: Date;
  token: string;
  /** The public verify URL (without the token), e.g. https://toguna.example/api/v1/verify/mission-orders/ */
  verifyUrl: string;
}

function frenchDate(date: Date): string {
  return new Intl.DateTimeFormat('fr-FR', {
    day: '2-digit',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  }).format(date);
}

/**
 * One page in French: authority, holder's legal name and ID number, areas,
 * dates, order number, the QR code of the signed credential and how to check
 * it. No case, no parties, no purpose beyond "mission de médiation".
 */
export async function renderMissionOrderPdf(
  input: MissionOrderDocumentInput,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const qr = await QRCode.toBuffer(input.token, {
    type: 'png',
    errorCorrectionLevel: 'L',
    margin: 4,
    scale: 4,
  });
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    compress: options.compress ?? true,
    info: { Title: `Ordre de mission ${input.orderNumber}`, Producer: 'Toguna', Creator: 'Toguna' },
  });
  doc.registerFont('Regular', FONTS.regular);
  doc.registerFont('Bold', FONTS.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Regular').fontSize(10).text('République du Mali', { align: 'center' });
  doc.text('Un Peuple – Un But – Une Foi', { align: 'center' });
  doc.moveDown();
  doc.font('Bold').fontSize(14).text(input.authorityName, { align: 'center' });
  doc.moveDown();
  doc.fontSize(20).text('Ordre de mission', { align: 'center' });
  doc.font('Regular').fontSize(11).text(`N° ${input.orderNumber}`, { align: 'center' });
  doc.moveDown(1.5);

  const line = (label: string, value: string): void => {
    doc.font('Bold').text(`${label} : `, { continued: true });
    doc.font('Regular').text(value);
  };
  doc.fontSize(12);
  line('Titulaire', input.holder.legalName);
  line("Pièce d'identité n°", input.holder.idDocumentNumber);
  line('Objet', 'mission de médiation');
  line('Zones couvertes', input.areaNames.join(', '));
  line('Valable du', frenchDate(input.validFrom));
  line('Au', `${frenchDate(input.validUntil)} (UTC)`);
  line('Autorité émettrice', input.authorityName);
  doc.moveDown();
  doc
    .fontSize(10)
    .text(
      "Les autorités civiles et militaires sont priées de laisser passer le titulaire et de lui prêter assistance dans l'exercice de sa mission.",
    );
  doc.moveDown();

  const size = 200;
  doc.image(qr, (doc.page.width - size) / 2, doc.y, { width: size, height: size });
  doc.y += size + 10;
  doc
    .fontSize(9)
    .text(
      'Vérification : scannez ce code QR avec l’application de vérification, ou ouvrez ' +
        `${input.verifyUrl}<code>, ou vérifiez hors ligne la signature (Ed25519) avec les clés publiques ` +
        'publiées sur /.well-known/mission-order-keys.json. Un ordre révoqué figure dans la liste ' +
        '/api/v1/mission-orders/revocations.',
      { align: 'left' },
    );
  doc.end();
  return done;
}
