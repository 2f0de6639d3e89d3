import { createHash } from 'node:crypto';
import type { AvatarUrls, GlobalPermissionKey, JiraUser, ScenarioLogin } from './types.js';

/**
 * The people and accounts of the Acme site: humans in several time zones (one hides her e-mail, one is
 * deactivated, one deleted), two app accounts, and the logins the simulator accepts.
 */

/** The API user's profile time zone: bare JQL dates are read in it, and it stands in for users without one. */
export const API_USER_TIME_ZONE = 'Europe/Berlin';

const AVATAR_HOST = 'https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net';

function userAvatars(initials: string): AvatarUrls {
  const url = (size: number) => `${AVATAR_HOST}/initials/${initials}-${size}.png`;
  return { '48x48': url(48), '24x24': url(24), '16x16': url(16), '32x32': url(32) };
}

interface PersonSpec {
  accountId: string;
  accountType: JiraUser['accountType'];
  displayName: string;
  email?: string;
  timeZone?: string;
  locale?: string;
  active: boolean;
}

/** Handles used by the issue generator; the account ids are what Jira would show. */
export const PEOPLE = {
  complianceBot: {
    accountId: '5d6f2c1a9b3e4a0012c7e101',
    accountType: 'atlassian',
    displayName: 'Compliance Bot',
    email: 'compliance-bot@acme.example',
    timeZone: API_USER_TIME_ZONE,
    locale: 'en_US',
    active: true,
  },
  alice: {
    accountId: '5d6f2c1a9b3e4a0012c7e102',
    accountType: 'atlassian',
    displayName: 'Alice Nguyen',
    email: 'alice.nguyen@acme.example',
    timeZone: 'America/New_York',
    locale: 'en_US',
    active: true,
  },
  bjoern: {
    accountId: '5d6f2c1a9b3e4a0012c7e103',
    accountType: 'atlassian',
    displayName: 'Björn Weber',
    email: 'bjoern.weber@acme.example',
    timeZone: 'Europe/Berlin',
    locale: 'de_DE',
    active: true,
  },
  priya: {
    // Hides her e-mail in her Atlassian profile: Jira leaves the key out.
    accountId: '712020:3f6e1c52-8d1b-4a57-9a0e-2c4b7d9e1f03',
    accountType: 'atlassian',
    displayName: 'Priya Raman',
    timeZone: 'Asia/Kolkata',
    locale: 'en_IN',
    active: true,
  },
  diego: {
    accountId: '5d6f2c1a9b3e4a0012c7e105',
    accountType: 'atlassian',
    displayName: 'Diego Alvarez',
    email: 'diego.alvarez@acme.example',
    timeZone: 'America/Los_Angeles',
    locale: 'es_ES',
    active: true,
  },
  emma: {
    accountId: '5d6f2c1a9b3e4a0012c7e106',
    accountType: 'atlassian',
    displayName: 'Emma Clarke',
    email: 'emma.clarke@acme.example',
    timeZone: 'Europe/London',
    locale: 'en_GB',
    active: true,
  },
  kenji: {
    accountId: '5d6f2c1a9b3e4a0012c7e107',
    accountType: 'atlassian',
    displayName: 'Kenji Sato',
    email: 'kenji.sato@acme.example',
    timeZone: 'Asia/Tokyo',
    locale: 'ja_JP',
    active: true,
  },
  rita: {
    // A second login that is not a Jira administrator.
    accountId: '5d6f2c1a9b3e4a0012c7e108',
    accountType: 'atlassian',
    displayName: 'Rita Okafor',
    email: 'rita.okafor@acme.example',
    timeZone: 'Europe/Dublin',
    locale: 'en_GB',
    active: true,
  },
  dan: {
    // Deactivated: still listed, still on old issues.
    accountId: '5d6f2c1a9b3e4a0012c7e109',
    accountType: 'atlassian',
    displayName: 'Dan Miller',
    email: 'dan.miller@acme.example',
    timeZone: 'America/Chicago',
    locale: 'en_US',
    active: false,
  },
  formerUser: {
    // Deleted from Atlassian: a placeholder name, no e-mail, no time zone.
    accountId: '5d6f2c1a9b3e4a0012c7e10a',
    accountType: 'atlassian',
    displayName: 'Former user',
    active: false,
  },
  automation: {
    accountId: '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077',
    accountType: 'app',
    displayName: 'Automation for Jira',
    active: true,
  },
  slack: {
    accountId: '5b6c7b1f3a1d2e0046a1b2c3',
    accountType: 'app',
    displayName: 'Slack',
    active: true,
  },
} as const satisfies Record<string, PersonSpec>;

export type PersonHandle = keyof typeof PEOPLE;

export function buildUser(siteUrl: string, person: PersonSpec): JiraUser {
  const initials = person.displayName
    .split(/\s+/)
    .map((word) => word[0]?.toUpperCase() ?? '')
    .join('')
    .slice(0, 2);
  const user: JiraUser = {
    self: `${siteUrl}/rest/api/3/user?accountId=${encodeURIComponent(person.accountId)}`,
    accountId: person.accountId,
    accountType: person.accountType,
    avatarUrls: userAvatars(initials),
    displayName: person.displayName,
    active: person.active,
  };
  if (person.email) user.emailAddress = person.email;
  if (person.timeZone) user.timeZone = person.timeZone;
  if (person.locale) user.locale = person.locale;

  return user;
}

/** A value shaped like an Atlassian API token, derived from the account so it is stable, and fake. */
function fakeApiToken(accountId: string): string {
  const digest = createHash('sha256').update(`jira-simulator:${accountId}`).digest();
  const body = digest.toString('base64url');
  const checksum = digest.subarray(0, 4).toString('hex').toUpperCase();

  return `ATSIM0${body}${body.split('').reverse().join('')}=${checksum}`;
}

export function buildLogins(): ScenarioLogin[] {
  return [PEOPLE.complianceBot, PEOPLE.rita].map((person) => ({
    email: person.email,
    apiToken: fakeApiToken(person.accountId),
    accountId: person.accountId,
  }));
}

export function buildGlobalPermissions(apiUserIsAdmin: boolean): Record<string, GlobalPermissionKey[]> {
  return {
    [PEOPLE.complianceBot.accountId]: apiUserIsAdmin
      ? ['ADMINISTER', 'USER_PICKER', 'CREATE_SHARED_OBJECTS']
      : ['USER_PICKER', 'CREATE_SHARED_OBJECTS'],
    [PEOPLE.rita.accountId]: ['CREATE_SHARED_OBJECTS'],
    [PEOPLE.alice.accountId]: ['ADMINISTER', 'SYSTEM_ADMIN', 'USER_PICKER', 'CREATE_SHARED_OBJECTS'],
  };
}
