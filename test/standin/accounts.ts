// The captured world's accounts as tests address them (README "Accounts"; scenarios/captured.json):
// Conduit API tokens, for those who have one, and user PHIDs.
export const TOKENS = {
  admin: 'api-nxs33mq3wpyyg7vj3jngfyhrzrcc',
  alice: 'api-yuzpv4o76i374cu7v6je43orzru7',
  bob: 'api-wi6e5p7aovxsmtxi3pz5id7ptjjs',
  dave: 'api-ifurun3rei3l3qrrf576izwdbhx3',
  bot: 'api-zjufhs55aiu5ydjhz5j5g5weddti',
} as const;

export const USER_PHIDS = {
  admin: 'PHID-USER-lork33a6w73tczbj7q6p',
  alice: 'PHID-USER-xhdgapgwb75vgmayvc6o',
  bob: 'PHID-USER-func4a3darmz3oh2ta3u',
  carol: 'PHID-USER-ferlea3apgikxbpfxohr',
  dave: 'PHID-USER-ihvyr6tdyxhq3mk6j3po',
  erin: 'PHID-USER-llw3bphotw3lgqpni64x',
  bot: 'PHID-USER-n2uizhw34v7ox4dte7oa',
} as const;
