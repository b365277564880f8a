// The assign panel, in a frame of the extension's own page: writes to Phabricator are accepted only from
// extension pages, and the page around us cannot reach into an extension frame.
import { useEffect, useRef } from 'preact/hooks';
import { isAssignClosed, originOf } from './frame-message';

export interface AssignFrameProps {
  id: string;
  url: string;
  title: string;
  onClose(): void;
}

export function AssignFrame({ id, url, title, onClose }: AssignFrameProps) {
  const frame = useRef<HTMLIFrameElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const win = frame.current?.ownerDocument.defaultView;
    if (!win) return;
    const origin = originOf(url);
    const onMessage = (event: MessageEvent) => {
      if (isAssignClosed(event, { frame: frame.current, origin })) closeRef.current();
    };
    win.addEventListener('message', onMessage);
    return () => win.removeEventListener('message', onMessage);
  }, [url]);

  return (
    <div class="st-assign-frame" id={id}>
      <iframe
        ref={frame}
        src={url}
        title={title}
        // The panel focuses its first choice inside; moving focus into the frame makes that the active one.
        onLoad={() => frame.current?.focus()}
      />
    </div>
  );
}
