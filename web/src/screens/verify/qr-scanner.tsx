import { useEffect, useRef, useState } from 'react';
import { useT, type Messages } from '../../i18n/i18n';

const messages = {
  fr: {
    video: 'Image de la caméra',
    aim: 'Visez le code QR de l’ordre de mission.',
    noCamera: 'Impossible d’ouvrir la caméra. Collez le jeton à la place.',
    stop: 'Arrêter la caméra',
  },
  en: {
    video: 'Camera picture',
    aim: 'Point at the QR code of the mission order.',
    noCamera: 'The camera cannot be opened. Paste the token instead.',
    stop: 'Stop the camera',
  },
} satisfies Messages<string>;

interface Detector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
type DetectorClass = new (options: { formats: string[] }) => Detector;

/** A reader of QR codes in video frames: the browser's own, else jsQR on a canvas. */
async function makeReader(): Promise<(video: HTMLVideoElement) => Promise<string | null>> {
  const Native = (window as unknown as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  if (Native) {
    const detector = new Native({ formats: ['qr_code'] });
    return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
  }
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return (video) => {
    if (!context || !video.videoWidth) return Promise.resolve(null);
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    context.drawImage(video, 0, 0);
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    return Promise.resolve(jsQR(image.data, image.width, image.height)?.data ?? null);
  };
}

/** Camera preview that reads a QR code and stops the camera once read or when left. */
export function QrScanner({
  onRead,
  onClose,
}: {
  onRead: (text: string) => void;
  onClose: () => void;
}) {
  const t = useT(messages);
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer = 0;
    let stopped = false;
    const stop = () => {
      stopped = true;
      window.clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
    void (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: 'environment' },
          audio: false,
        });
        if (stopped || !video.current) return stop();
        video.current.srcObject = stream;
        await video.current.play();
        const read = await makeReader();
        const tick = async () => {
          if (stopped || !video.current) return;
          const text = await read(video.current).catch(() => null);
          if (text) {
            stop();
            onRead(text);
          } else timer = window.setTimeout(() => void tick(), 250);
        };
        void tick();
      } catch {
        if (!stopped) setFailed(true);
      }
    })();
    return stop;
  }, [onRead]);

  return (
    <div className="qr-scanner">
      {failed ? (
        <p className="alert alert-warning" role="alert">
          {t('noCamera')}
        </p>
      ) : (
        <>
          <p>{t('aim')}</p>
          <video ref={video} aria-label={t('video')} muted playsInline />
        </>
      )}
      <p>
        <button type="button" onClick={onClose}>
          {t('stop')}
        </button>
      </p>
    </div>
  );
}
