import { describe, expect, it } from 'vitest';
import { createRealisticScenario, type JiraIssue } from '../../src/simulator/index.js';
import { DAY_MS, NOW, epochOf } from './support.js';

const scenario = createRealisticScenario({ now: NOW });
const JIRA_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/;

const ageInDays = (issue: JiraIssue) => (NOW.getTime() - epochOf(issue.fields.created)) / DAY_MS;
const isDone = (issue: JiraIssue) => issue.fields.status.statusCategory.key === 'done';
const changes = scenario.issues.filter(
  (i) => i.fields.project.key === 'CHG' && i.fields.issuetype.name === 'Change',
);
const incidents = scenario.issues.filter(
  (i) => i.fields.project.key === 'OPS' && i.fields.issuetype.name === 'Incident',
);

describe('createRealisticScenario', () => {
  it('is deterministic for the same seed and instant, and differs for another seed', () => {
    expect(createRealisticScenario({ now: NOW })).toEqual(scenario);
    expect(createRealisticScenario({ now: NOW, seed: 7 }).issues).not.toEqual(scenario.issues);
  });

  it('generates 600 issues by default with unique ascending ids and unique, gapless keys per project', () => {
    expect(scenario.issues).toHaveLength(600);
    const ids = scenario.issues.map((issue) => Number(issue.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(600);

    for (const project of scenario.projects) {
      const numbers = scenario.issues
        .filter((issue) => issue.fields.project.key === project.key)
        .map((issue) => Number(issue.key.slice(project.key.length + 1)));
      expect(numbers).toEqual(numbers.map((_, index) => index + 1));
    }
  });

  it('honours issueCount, and still makes 5000 issues quickly', () => {
    const started = Date.now();
    const large = createRealisticScenario({ now: NOW, issueCount: 5000 });
    expect(large.issues).toHaveLength(5000);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('spreads creation over roughly the last nine months, all before now', () => {
    const ages = scenario.issues.map(ageInDays);
    expect(Math.min(...ages)).toBeGreaterThan(0);
    expect(Math.max(...ages)).toBeGreaterThan(240);
    expect(Math.max(...ages)).toBeLessThanOrEqual(271);
  });

  it('writes every timestamp in Jira form, with offsets of users in several time zones', () => {
    const offsets = new Set<string>();
    for (const { fields } of scenario.issues) {
      for (const value of [fields.created, fields.updated, fields.statuscategorychangedate]) {
        expect(value).toMatch(JIRA_TIMESTAMP);
        offsets.add(value.slice(-5));
      }
      if (fields.resolutiondate !== null) expect(fields.resolutiondate).toMatch(JIRA_TIMESTAMP);
    }
    expect(offsets).toContain('+0530');
    expect([...offsets].some((offset) => offset === '-0400' || offset === '-0500')).toBe(true);
    expect([...offsets].some((offset) => offset === '+0100' || offset === '+0200')).toBe(true);
  });

  it('keeps created <= resolutiondate <= now and created <= updated <= now', () => {
    for (const { key, fields } of scenario.issues) {
      const created = epochOf(fields.created);
      const updated = epochOf(fields.updated);
      expect(updated, key).toBeGreaterThanOrEqual(created);
      expect(updated, key).toBeLessThanOrEqual(NOW.getTime());
      if (fields.resolutiondate !== null) {
        expect(epochOf(fields.resolutiondate), key).toBeGreaterThanOrEqual(created);
        expect(epochOf(fields.resolutiondate), key).toBeLessThanOrEqual(updated);
      }
    }
  });

  it('sets a resolution date exactly on issues in a done status', () => {
    for (const issue of scenario.issues) {
      expect(issue.fields.resolutiondate !== null, issue.key).toBe(isDone(issue));
      expect(issue.fields.resolution !== null, issue.key).toBe(isDone(issue));
    }
  });

  it('has custom status names in every status category, including "No Category"', () => {
    const byCategory = (key: string) =>
      scenario.statuses.filter((status) => status.statusCategory.key === key).map((status) => status.name);
    expect(byCategory('new')).toEqual(expect.arrayContaining(['Awaiting CAB', 'Offen']));
    expect(byCategory('indeterminate')).toEqual(expect.arrayContaining(['Implementing', 'Triage']));
    expect(byCategory('done')).toEqual(expect.arrayContaining(['Deployed', 'Rolled back', 'Mitigated']));
    expect(byCategory('undefined')).toEqual(['Imported']);
    expect(scenario.issues.some((issue) => issue.fields.status.statusCategory.key === 'undefined')).toBe(
      true,
    );
  });

  it('has its newest change ticket a few days before now', () => {
    const newest = Math.min(...changes.map(ageInDays));
    expect(newest).toBeGreaterThan(2);
    expect(newest).toBeLessThan(7);
  });

  it('has unassigned change tickets inside and outside the last 90 days', () => {
    const unassigned = changes.filter((issue) => issue.fields.assignee === null);
    expect(unassigned.filter((issue) => ageInDays(issue) <= 90).length).toBeGreaterThanOrEqual(3);
    expect(unassigned.filter((issue) => ageInDays(issue) > 90).length).toBeGreaterThanOrEqual(2);
  });

  it('has open incidents older and younger than 30 days, and resolved ones', () => {
    const open = incidents.filter((issue) => !isDone(issue));
    expect(open.filter((issue) => ageInDays(issue) > 30).length).toBeGreaterThanOrEqual(3);
    expect(open.filter((issue) => ageInDays(issue) < 30).length).toBeGreaterThanOrEqual(2);
    expect(incidents.filter(isDone).length).toBeGreaterThan(10);
  });

  it('includes the project key IS, a reserved JQL word, with issues in it', () => {
    expect(scenario.projects.map((project) => project.key)).toEqual([
      'CHG',
      'OPS',
      'ENG',
      'SEC',
      'IS',
      'PPL',
    ]);
    expect(scenario.issues.some((issue) => issue.key.startsWith('IS-'))).toBe(true);
  });

  it('adds archive projects on request', () => {
    const withExtras = createRealisticScenario({ now: NOW, extraProjectCount: 114 });
    expect(withExtras.projects).toHaveLength(120);
    expect(new Set(withExtras.projects.map((project) => project.key)).size).toBe(120);
  });

  it('has an app account, a deactivated user, a deleted user and a user who hides their e-mail', () => {
    expect(scenario.users.some((user) => user.accountType === 'app')).toBe(true);
    expect(scenario.users.find((user) => user.displayName === 'Dan Miller')?.active).toBe(false);
    const deleted = scenario.users.find((user) => user.displayName === 'Former user');
    expect(deleted).toMatchObject({ active: false });
    expect(deleted).not.toHaveProperty('emailAddress');
    expect(scenario.users.find((user) => user.displayName === 'Priya Raman')).not.toHaveProperty(
      'emailAddress',
    );
  });

  it('logs in the compliance bot as an admin with a fake token, and offers a second, non-admin login', () => {
    const { credentials, logins, globalPermissions } = scenario;
    expect(credentials.email).toBe('compliance-bot@acme.example');
    expect(credentials.apiToken.startsWith('ATATT3')).toBe(false);
    expect(credentials.apiToken.length).toBeGreaterThan(40);
    expect(logins[0]).toEqual(credentials);
    expect(globalPermissions[credentials.accountId]).toContain('ADMINISTER');
    const other = logins[1];
    expect(other && globalPermissions[other.accountId]).not.toContain('ADMINISTER');

    const nonAdmin = createRealisticScenario({ now: NOW, apiUserIsAdmin: false });
    expect(nonAdmin.globalPermissions[nonAdmin.credentials.accountId]).not.toContain('ADMINISTER');
  });
});
