// The options page: one section per concern, each saved on its own, reachable by anchor from the banner
// and the popup (#instances, #registry, #watch, #notifications).
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../ui/i18n';
import { useOptionsStore } from './use-options-store';
import { InstancesSection } from './InstancesSection';
import { RegistrySection } from './RegistrySection';
import { WatchSection } from './WatchSection';
import { NotificationsSection } from './NotificationsSection';
import { ImportExportSection } from './ImportExportSection';
import { UnreadableNotice } from './UnreadableNotice';

export const SECTIONS = ['instances', 'registry', 'watch', 'notifications', 'sharing'] as const;
export type SectionId = (typeof SECTIONS)[number];

function Section({
  id,
  title,
  intro,
  children,
}: {
  id: SectionId;
  title: string;
  intro: string;
  children: ComponentChildren;
}) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} class="section">
      <h2 id={`${id}-title`} tabIndex={-1}>
        {title}
      </h2>
      <p class="intro">{intro}</p>
      {children}
    </section>
  );
}

/** Brings the anchored section into view and moves focus to its heading once the page has content. */
function useAnchor(ready: boolean) {
  useEffect(() => {
    if (!ready) return;
    const go = () => {
      const id = decodeURIComponent(location.hash.slice(1));
      if (!(SECTIONS as readonly string[]).includes(id)) return;
      const heading = document.getElementById(`${id}-title`);
      heading?.scrollIntoView({ block: 'start' });
      heading?.focus({ preventScroll: true });
    };
    go();
    window.addEventListener('hashchange', go);
    return () => window.removeEventListener('hashchange', go);
  }, [ready]);
}

export function OptionsPage({ now }: { now: () => number }) {
  const { store, loadError, reload } = useOptionsStore();
  // Bumped by an import, so every section drops its drafts and starts from the imported settings.
  const [generation, setGeneration] = useState(0);
  useAnchor(store !== null);

  if (store === null) {
    return (
      <main class="options" aria-busy={loadError === null}>
        <h1>{t('options_title')}</h1>
        {loadError === null ? (
          <p role="status" data-state="loading">
            {t('options_loading')}
          </p>
        ) : (
          <div role="alert" data-state="error">
            <p>{t('options_load_failed', loadError.message)}</p>
            <button type="button" class="st-button" onClick={() => void reload()}>
              {t('options_retry')}
            </button>
          </div>
        )}
      </main>
    );
  }

  return (
    <main class="options">
      <h1>{t('options_title')}</h1>
      <nav aria-label={t('options_nav_label')}>
        <ul>
          {SECTIONS.map((id) => (
            <li key={id}>
              <a href={`#${id}`}>{t(`options_section_${id}`)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <p>
        <a href="../review/review.html" target="_blank" rel="noopener">
          {t('review_open_from_options')}
        </a>
      </p>
      {store.storedProblems.length > 0 && (
        <div role="alert" class="save-errors" data-state="stored-problems">
          <p>{t('options_stored_problems')}</p>
          <ul>
            {store.storedProblems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {store.unreadable && <UnreadableNotice unreadable={store.unreadable} />}
      <div key={generation}>
        <Section id="instances" title={t('options_section_instances')} intro={t('options_intro_instances')}>
          <InstancesSection store={store} />
        </Section>
        <Section id="registry" title={t('options_section_registry')} intro={t('options_intro_registry')}>
          <RegistrySection store={store} now={now()} />
        </Section>
        <Section id="watch" title={t('options_section_watch')} intro={t('options_intro_watch')}>
          <WatchSection store={store} />
        </Section>
        <Section
          id="notifications"
          title={t('options_section_notifications')}
          intro={t('options_intro_notifications')}
        >
          <NotificationsSection store={store} />
        </Section>
      </div>
      <Section id="sharing" title={t('options_section_sharing')} intro={t('options_intro_sharing')}>
        <ImportExportSection store={store} onImported={() => setGeneration((g) => g + 1)} />
      </Section>
    </main>
  );
}
