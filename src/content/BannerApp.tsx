// Everything in the shadow root: the styles, the one polite live region, and the banner of the current
// task. The live region outlives navigations, so it is in the accessibility tree before it speaks.
// The banner takes its size at once (CRITICAL_CSS) and shows once banner.css is in: at once when its text
// came with the content script (stylesheet.ts), or when the linked file has loaded (or failed to: then
// unstyled beats absent).
import { useState } from 'preact/hooks';
import { Banner, type BannerProps } from './Banner';
import { CRITICAL_CSS } from './banner-critical-css';

export type BannerAppProps = Omit<BannerProps, 'onAnnounce'>;

export function BannerApp(props: BannerAppProps) {
  const { text, url } = props.deps.stylesheet;
  const [announcement, setAnnouncement] = useState('');
  const [linked, setLinked] = useState(false);
  const loaded = () => setLinked(true);
  return (
    <div class="st-root" data-theme={props.theme} data-styled={text !== null || linked ? '' : undefined}>
      <style>{CRITICAL_CSS}</style>
      {text !== null ? (
        <style>{text}</style>
      ) : (
        <link rel="stylesheet" href={url} onLoad={loaded} onError={loaded} />
      )}
      <div class="st-sr-only" role="status" aria-live="polite" aria-atomic="true" data-steward="announcer">
        {announcement}
      </div>
      <Banner key={props.taskId} {...props} onAnnounce={setAnnouncement} />
    </div>
  );
}
