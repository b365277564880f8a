// Everything in the shadow root: the styles, the one polite live region, and the banner of the current
// task. The live region outlives navigations, so it is in the accessibility tree before it speaks.
import { useState } from 'preact/hooks';
import { themeCss, UI_CSS } from '../ui/ui-css';
import { TIMELINE_CSS } from '../ui/timeline-css';
import { Banner, type BannerProps } from './Banner';
import { BANNER_CSS } from './banner-css';

export type BannerAppProps = Omit<BannerProps, 'onAnnounce'>;

const CSS = `${themeCss('.st-root', false)}\n${UI_CSS}\n${TIMELINE_CSS}\n${BANNER_CSS}`;

export function BannerApp(props: BannerAppProps) {
  const [announcement, setAnnouncement] = useState('');
  return (
    <div class="st-root" data-theme={props.theme}>
      <style>{CSS}</style>
      <div class="st-sr-only" role="status" aria-live="polite" aria-atomic="true" data-steward="announcer">
        {announcement}
      </div>
      <Banner key={props.taskId} {...props} onAnnounce={setAnnouncement} />
    </div>
  );
}
