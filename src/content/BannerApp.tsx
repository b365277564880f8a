// Everything in the shadow root: the styles, the one polite live region, and the banner of the current
// task. The live region outlives navigations, so it is in the accessibility tree before it speaks.
// The stylesheet is the extension's banner.css: the banner takes its size at once (CRITICAL_CSS) and shows
// once the sheet has loaded (or failed to: then unstyled beats absent).
import { useState } from 'preact/hooks';
import { Banner, type BannerProps } from './Banner';
import { CRITICAL_CSS } from './banner-critical-css';

export type BannerAppProps = Omit<BannerProps, 'onAnnounce'>;

export function BannerApp(props: BannerAppProps) {
  const [announcement, setAnnouncement] = useState('');
  const [styled, setStyled] = useState(false);
  const loaded = () => setStyled(true);
  return (
    <div class="st-root" data-theme={props.theme} data-styled={styled ? '' : undefined}>
      <style>{CRITICAL_CSS}</style>
      <link rel="stylesheet" href={props.deps.stylesheetUrl} onLoad={loaded} onError={loaded} />
      <div class="st-sr-only" role="status" aria-live="polite" aria-atomic="true" data-steward="announcer">
        {announcement}
      </div>
      <Banner key={props.taskId} {...props} onAnnounce={setAnnouncement} />
    </div>
  );
}
