// The settings the demo and the benchmarks give Steward: one instance in session mode (the user's browser
// session, no token), a registry pasted inline, and every UBN! watched.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SETTINGS_VERSION, type Settings } from '../../src/shared/settings';

export const DEMO_SCENARIO = resolve(import.meta.dirname, '../../test/standin/scenarios/demo.json');
export const DEMO_REGISTRY = resolve(import.meta.dirname, '../../test/standin/scenarios/demo-registry.yaml');

export function stewardSettings(origin: string, registryText: string): Settings {
  return {
    version: SETTINGS_VERSION,
    instances: [{ url: origin, authMode: 'session' }],
    registry: {
      sources: [
        { kind: 'inline', id: 'demo', name: 'Demo owners registry', text: registryText, enabled: true },
      ],
      overrides: {},
      refreshHours: 6,
    },
    watch: { allUbn: true, projects: [], myComponents: true },
    thresholds: {
      noProcessOwnerHours: 2,
      notAcknowledgedHours: 4,
      ownerSilentHours: 24,
      escalationWarningDays: 3,
      escalationCriticalDays: 7,
    },
    notifications: {
      enabled: true,
      rules: {},
      quietHours: { enabled: false, start: '22:00', end: '08:00' },
    },
    pollMinutes: 5,
  };
}

export function demoSettings(origin: string): Settings {
  return stewardSettings(origin, readFileSync(DEMO_REGISTRY, 'utf8'));
}
