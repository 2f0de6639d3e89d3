import type { SeededRandom } from './seeded-random.js';

/** Summary texts by kind of work, so that issues read like an operations team's backlog. */

const SYSTEMS = [
  'billing-db-02',
  'the ingress controller',
  'Kafka brokers',
  'the VPN gateway',
  'the SSO SAML certificate',
  'payments-api',
  'the CI runners',
  'Redis on cache-eu-1',
  'the data warehouse loader',
  'Okta SCIM provisioning',
  'the public status page',
  'S3 bucket policies for backups',
];

const CHANGE_VERBS = [
  'Upgrade',
  'Patch',
  'Migrate',
  'Decommission',
  'Rotate credentials of',
  'Scale out',
  'Reconfigure',
];

const INCIDENTS = [
  'Elevated 5xx rate on',
  'Latency spike on',
  'Certificate expiry warning for',
  'Disk nearly full on',
  'Failed nightly backup of',
  'Authentication errors from',
  'Queue backlog growing on',
];

const STORIES = [
  'As an admin I can export the audit log',
  'As a customer I can download invoices as PDF',
  'Show the last login time on the user page',
  'Add SAML just-in-time provisioning',
  'Let workspace owners transfer ownership',
  'Support dark mode in the dashboard',
];

const BUGS = [
  'Search ignores diacritics (Zürich ≠ Zurich)',
  'Timezone off by one hour after DST switch',
  'CSV export breaks on fields with "quotes"',
  'Pagination skips the last item',
  'Session not invalidated after password change',
  'Crash when the project key is a reserved word',
];

const TASKS = [
  'Quarterly access review for',
  'Document the runbook of',
  'Clean up unused IAM roles in',
  'Renew the support contract for',
  'Tag cost centres on',
];

const VULNERABILITIES = [
  'CVE-2024-3094 in xz-utils on',
  'Outdated OpenSSL on',
  'Pentest finding: IDOR in',
  'Dependabot: prototype pollution in lodash used by',
  'Weak TLS ciphers enabled on',
  'Secrets committed to the repository of',
];

const PEOPLE_TASKS = [
  'Onboarding checklist for new hire',
  'Offboarding: revoke access for leaver',
  'Update the travel policy',
  'Security awareness training reminder',
];

export type SummaryKind = 'change' | 'incident' | 'story' | 'bug' | 'task' | 'vulnerability' | 'people';

export function pickSummary(kind: SummaryKind, random: SeededRandom): string {
  switch (kind) {
    case 'change':
      return `${random.pick(CHANGE_VERBS)} ${random.pick(SYSTEMS)}`;
    case 'incident':
      return `${random.pick(INCIDENTS)} ${random.pick(SYSTEMS)}`;
    case 'story':
      return random.pick(STORIES);
    case 'bug':
      return random.pick(BUGS);
    case 'task':
      return `${random.pick(TASKS)} ${random.pick(SYSTEMS)}`;
    case 'vulnerability':
      return `${random.pick(VULNERABILITIES)} ${random.pick(SYSTEMS)}`;
    case 'people':
      return `${random.pick(PEOPLE_TASKS)} #${random.integer(100, 999)}`;
  }
}
