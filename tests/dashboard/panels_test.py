#!/usr/bin/python3
"""The Freezer panels of Horizon (freezer-web-ui 13.0.0) in headless Chromium, doing what a user
does, against this API and against Debian's Python freezer-api 13.0.0 side by side: each side
has its own Horizon and its own scheduler (with the real freezer-agent), and what the panels
show must match between the two once ids, paths and dates are set aside.

freezer-web-ui's Jobs index (/disaster_recovery/) and Sessions index raise KeyError under
Django 3.2 (an optional URL group no longer yields a None argument); every workflow that
succeeds redirects to one of them. Those pages are checked to fail in the same way on both
sides, and the test goes on from the pages a user can still reach: a job's page (every job and
that job's actions), the sessions list, the workflows.

Usage: panels_test.py --keystone URL --side NAME,HORIZON_URL,API_URL,CLIENT_ID,WORK_DIR ...
       [--shots DIR] [--docs-shots DIR]
The first side is the one whose screenshots go to --docs-shots (docs/).
"""
import argparse
import ast
import concurrent.futures
import json
import os
import sys
import time
import traceback
import urllib.request

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from browser import Browser, PanelError, normalize

DEMO = ('demo', 'demopass')
ALT = ('alt', 'altpass')
JOB_NAME = 'Nightly documents backup'
ACTION_NAME = 'documents'
OTHER_ACTION_NAME = 'reports'   # made, listed and offered, never run
SESSION_NAME = 'Weekend maintenance'
# A run of the agent takes seconds; the scheduler polls every 2.
JOB_RUN_SECONDS = 90
# The Jobs and Sessions lists as a user still reaches them: a job's (or session's) page lists
# every job (session) beside the one named, and a name that is no job's shows just the list.
JOBS_PAGE = '/disaster_recovery/all'
SESSIONS_PAGE = '/disaster_recovery/sessions/all'
# Fields that differ between the two APIs by version, not by fault: the client capabilities
# of the centralized scheduler (this API; 13.0.0 predates them), and the backup's user_name,
# which 13.0.0 stores and upstream has since dropped (migration 4f8c679a1d3b).
VERSION_FIELDS = {'is_central', 'supported_actions', 'supported_modes', 'supported_storages',
                  'supported_engines', 'user_name'}


class Api:
    """The API under a side, read as the demo user: only to learn the ids a workflow made, which
    the panels cannot show while the Jobs and Sessions indexes are broken."""

    def __init__(self, keystone, api_url, user, password):
        body = {'auth': {'identity': {'methods': ['password'], 'password': {'user': {
            'name': user, 'domain': {'name': 'Default'}, 'password': password}}},
            'scope': {'project': {'name': user, 'domain': {'name': 'Default'}}}}}
        request = urllib.request.Request(keystone + '/auth/tokens', json.dumps(body).encode(),
                                         {'Content-Type': 'application/json'})
        with urllib.request.urlopen(request, timeout=30) as response:
            self.token = response.headers['X-Subject-Token']
            self.project = json.load(response)['token']['project']['id']
        self.url = api_url.rstrip('/')

    def list(self, kind):
        request = urllib.request.Request(f'{self.url}/v2/{self.project}/{kind}?limit=100',
                                         headers={'X-Auth-Token': self.token})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)[kind]


class Side:
    def __init__(self, spec, keystone, shots_root):
        self.name, self.horizon, self.api_url, self.client_id, self.work = spec.split(',')
        self.keystone = keystone
        self.browser = Browser(self.horizon, os.path.join(shots_root, self.name))
        self.api = None
        self.seen = {}      # page -> what it showed, normalized
        self.ids = {}       # what normalize() replaces, filled as objects are made
        self.shots = []

    def record(self, page, content):
        replacements = [(v, f'<{k}>') for k, v in sorted(self.ids.items(), key=lambda kv: -len(kv[1]))]
        self.seen[page] = normalized(content, replacements)

    def shot(self, name):
        self.shots.append(self.browser.shot(name))


def normalized(content, replacements):
    """content (strings, numbers, lists and dicts) with every string normalized. A table's rows
    are compared as a set: upstream lists have no ORDER BY, so their order is the database's
    (SQLite, the Python API's here: insertion; MySQL: the random hex ids), and this API lists
    by id on every database, as upstream does on MySQL."""
    if isinstance(content, str):
        return normalize(content, replacements)
    if isinstance(content, dict) and set(content) == {'columns', 'rows'}:
        return {'columns': content['columns'],
                'rows': sorted(normalized(content['rows'], replacements))}
    if isinstance(content, dict):
        return {k: normalized(v, replacements) for k, v in content.items()}
    if isinstance(content, (list, tuple)):
        return [normalized(v, replacements) for v in content]
    if isinstance(content, int) and not isinstance(content, bool) and content > 10 ** 9:
        return '<timestamp>'
    return content


def shown_document(b):
    """The document a detail page prints (freezer-web-ui shows it with pprint), without the
    fields that differ by version."""
    text = b.main_text()
    if '{' not in text:
        raise PanelError(f'{b.driver.current_url} shows no document: {text[:300]}')
    document = ast.literal_eval(text[text.index('{'):])

    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in VERSION_FIELDS}
        return value
    return strip(document)


def open_workflow(b, page, button_id, first_field):
    """Opens a workflow as a user does: its button on a list page, then the modal."""
    b.open(page)
    b.driver.find_element(By.ID, button_id).click()
    b.wait_shown(first_field, f'the workflow of {button_id}')


def landed_on(b, path):
    """Waits for the page a workflow or an action sends the user to; what it shows."""
    url = b.base_url + path
    b.wait(lambda: b.driver.current_url == url and b.driver.title, 30, f'the browser at {path}')
    b.wait(lambda: b.driver.execute_script('return document.readyState') == 'complete', 10,
           f'{path} loaded')
    return b.error_shown()


def page_view(b, *tables):
    """What a page shows: Horizon's error, or its tables."""
    error = b.error_shown()
    if error:
        return {'error': error}
    return {t: b.table(t) for t in tables}


def step(name):
    def wrap(function):
        function.step_name = name
        return function
    return wrap


# --- the user's steps, in order; each takes a Side -------------------------------------------

@step("freezer-web-ui's Jobs and Sessions indexes fail (KeyError under Django 3.2)")
def broken_indexes(side):
    b = side.browser
    for page in ('/disaster_recovery/', '/disaster_recovery/sessions/'):
        b.get(page)
        error = b.error_shown()
        if not error:
            raise PanelError(f'{page} answered without an error: has freezer-web-ui been fixed?')
        side.record(f'{page} (broken in freezer-web-ui)', error)


@step('log in as demo')
def log_in(side):
    side.browser.login(*DEMO)
    side.api = Api(side.keystone, side.api_url, *DEMO)
    side.ids.update(client=side.client_id, work=side.work, project=side.api.project)


@step("the scheduler's client is in Clients")
def clients(side):
    b = side.browser

    def listed():
        b.open('/disaster_recovery/clients/')
        return any(side.client_id in row for row in b.table('clients')['rows'])
    b.wait(listed, 30, f'client {side.client_id} in Clients')
    side.record('clients', b.table('clients'))
    b.open(f'/disaster_recovery/clients/{side.client_id}')
    side.record('client page', shown_document(b))
    side.shot('clients')


def create_backup_action(side, name, folder):
    """Actions, Create Action: a backup of a folder to local storage with tar; its id."""
    b = side.browser
    open_workflow(b, '/disaster_recovery/actions/', 'actions_table__action_create_action',
                  'id_backup_name')
    b.fill('id_backup_name', name)
    b.fill('id_action', 'backup')
    b.fill('id_mode', 'fs')
    b.fill('id_storage', 'local')
    b.fill('id_engine_name', 'tar')
    b.fill('id_path_to_backup', folder)
    b.fill('id_container', os.path.join(side.work, 'store'))
    b.tab('Advanced')
    b.fill('id_log_file', os.path.join(side.work, 'agent.log'))
    b.tab('Action')
    b.submit()
    landed_on(b, '/disaster_recovery/actions/')

    def listed():
        b.open('/disaster_recovery/actions/')
        return any(name in row for row in b.table('actions_table')['rows'])
    b.wait(listed, 20, f'action "{name}" in Actions')
    return next(a['action_id'] for a in side.api.list('actions')
                if a['freezer_action'].get('backup_name') == name)


@step('create two backup actions of folders to local storage (Actions, Create Action)')
def create_actions(side):
    side.ids['action'] = create_backup_action(side, ACTION_NAME, os.path.join(side.work, 'documents'))
    side.ids['other action'] = create_backup_action(
        side, OTHER_ACTION_NAME, os.path.join(side.work, 'documents', 'reports'))
    side.record('actions', side.browser.table('actions_table'))
    side.shot('actions')


@step('create a job with that action for the client (Jobs, Create Job workflow)')
def create_job(side):
    b = side.browser
    open_workflow(b, JOBS_PAGE, 'jobs__action_create', 'id_description')
    b.fill('id_description', JOB_NAME)
    b.tab('Clients')
    # The workflow offers clients by hostname and sends their uuid (the API's client.uuid).
    uuid = next(c['client']['uuid'] for c in side.api.list('clients')
                if c['client']['client_id'] == side.client_id)
    member = b.wait(lambda: b.driver.find_element(
        By.CSS_SELECTOR, f'ul.available_members li.member[data-selected_clients-id$="{uuid}"]'),
        20, f'client {side.client_id} offered in the job workflow')
    member.find_element(By.XPATH, '..').find_element(By.CSS_SELECTOR, 'a.btn').click()
    b.wait(lambda: b.driver.find_elements(By.CSS_SELECTOR, 'ul.members li.member'), 10,
           'the client selected')
    b.tab('Actions')
    action = b.wait(lambda: b.driver.find_element(By.ID, side.ids['action']), 20,
                    'the action to choose')
    target = b.driver.find_element(By.ID, 'actions_selected')
    ActionChains(b.driver).click_and_hold(action).move_to_element(target).move_by_offset(0, 5) \
        .release().perform()
    selected = f'#actions_selected [id="{side.ids["action"]}"]'
    b.wait(lambda: b.driver.find_elements(By.CSS_SELECTOR, selected), 10,
           'the action dragged to the selected ones')
    side.shot('job-workflow')
    b.submit()
    # freezer-web-ui sends its users to the broken Jobs index after saving.
    side.record('after Create Job (the Jobs index)', landed_on(b, '/disaster_recovery/'))
    jobs = b.wait(lambda: [j for j in side.api.list('jobs') if j.get('description') == JOB_NAME],
                  20, f'job "{JOB_NAME}" in the API')
    if len(jobs) != 1:
        raise PanelError(f'expected one job "{JOB_NAME}" in the API, found {len(jobs)}')
    side.ids['job'] = jobs[0]['job_id']
    # The workflow saves the job stopped; read it once the scheduler has taken the stop.
    b.wait(lambda: scheduler_took(side, {'status': 'stop'}), 30, 'the scheduler to take the new job')
    job = [j for j in side.api.list('jobs') if j['job_id'] == side.ids['job']][0]
    side.record('the job as saved', {
        'client_id': job.get('client_id'),
        'actions': [a['freezer_action'] for a in job.get('job_actions', [])],
        'job_schedule': job.get('job_schedule')})


def job_schedule(side):
    job = [j for j in side.api.list('jobs') if j['job_id'] == side.ids['job']][0]
    return job.get('job_schedule', {})


def session_document(side):
    return next(s for s in side.api.list('sessions') if s['session_id'] == side.ids['session'])


def scheduler_took(side, expected):
    """The job's event was taken by the scheduler and its schedule shows what is expected."""
    schedule = job_schedule(side)
    return not schedule.get('event') and all(schedule.get(k) == v for k, v in expected.items())


def job_row(side):
    b = side.browser
    b.open(f'/disaster_recovery/{side.ids["job"]}')
    rows = [r for r in b.table('jobs')['rows'] if r and r[1] == JOB_NAME]
    return rows[0] if rows else None


@step('start the job; the scheduler runs it to completion (the job page)')
def run_job(side):
    b = side.browser
    b.open(f'/disaster_recovery/{side.ids["job"]}')
    side.record('job page before start', page_view(b, 'jobs', 'actions_in_job'))
    b.row_action('jobs', side.ids['job'], 'start_job')
    side.record('after Start Job (the Jobs index)', landed_on(b, '/disaster_recovery/'))
    b.wait(lambda: (job_row(side) or [None] * 5)[4] == 'success', JOB_RUN_SECONDS,
           'the job to succeed')
    side.record('job page after the run', page_view(b, 'jobs', 'actions_in_job'))
    side.shot('jobs')


@step('the backup is in Backups, with its metadata')
def backups(side):
    b = side.browser
    b.open('/disaster_recovery/backups/')
    table = b.table('backups')
    if not any(ACTION_NAME in ' '.join(row) for row in table['rows']):
        raise PanelError(f'no backup "{ACTION_NAME}" in Backups: {table}')
    side.record('backups', table)
    side.shot('backups')
    backup = side.api.list('backups')[0]
    side.ids['backup'] = backup['backup_id']
    side.ids['hostname'] = backup['backup_metadata'].get('hostname', '')
    b.open(f'/disaster_recovery/backups/{backup["backup_id"]}')
    document = shown_document(b)
    metadata = document.get('backup_metadata', {})
    if metadata.get('backup_name') != ACTION_NAME or 'time_stamp' not in metadata:
        raise PanelError(f'the backup page does not show the backup: {document}')
    side.record('backup page', document)
    side.shot('backup-metadata')


@step('create a session and add the job to it')
def session(side):
    b = side.browser
    open_workflow(b, SESSIONS_PAGE, 'sessions__action_create_session', 'id_description')
    b.fill('id_description', SESSION_NAME)
    b.submit()
    side.record('after Create Session (the Sessions index)',
                landed_on(b, '/disaster_recovery/sessions/'))
    sessions = b.wait(lambda: [s for s in side.api.list('sessions')
                               if s.get('description') == SESSION_NAME],
                      20, f'session "{SESSION_NAME}" in the API')
    if len(sessions) != 1:
        raise PanelError(f'expected one session "{SESSION_NAME}", found {len(sessions)}')
    side.ids['session'] = sessions[0]['session_id']
    b.open(f'/disaster_recovery/{side.ids["job"]}')
    b.row_action('jobs', side.ids['job'], 'attach_job_to_session')
    b.wait_shown('id_session_id', 'the attach workflow')
    b.fill('id_session_id', side.ids['session'])
    b.submit()
    side.record('after Attach To Session (the Jobs index)', landed_on(b, '/disaster_recovery/'))
    b.get(f'/disaster_recovery/sessions/{side.ids["session"]}')
    side.record('session page', page_view(b, 'sessions', 'jobs'))
    b.wait(lambda: side.ids['job'] in session_document(side).get('jobs', {}),
           20, 'the job in the session (API)')
    # The job took the session's schedule (none): the scheduler starts it again, now as a
    # turn of the session, which runs the session ("running") and ends it. Wait for that run
    # and the session's end, so both sides are seen in the same state.
    b.wait(lambda: scheduler_took(side, {'status': 'completed', 'result': 'success'}),
           JOB_RUN_SECONDS, "the job's run in the session")
    b.wait(lambda: session_document(side).get('status') != 'running', 20, "the session's end")
    b.open(SESSIONS_PAGE)
    side.record('sessions', b.table('sessions'))
    side.shot('sessions')
    b.open(f'/disaster_recovery/{side.ids["job"]}')
    side.record('job page after its run in the session', page_view(b, 'jobs', 'actions_in_job'))


@step('search Clients, Actions and Backups with their filters')
def search(side):
    """The filter box sends {"match": [{"_all": TEXT}]}. The API reads TEXT as a JSON list of
    {field: value} (what the freezer CLI's --search takes); other text matches everything."""
    b = side.browser
    for page, table, field, value in (('clients', 'clients', 'client_id', side.client_id),
                                      ('actions', 'actions_table', 'backup_name', ACTION_NAME),
                                      ('backups', 'backups', 'backup_name', ACTION_NAME)):
        b.open(f'/disaster_recovery/{page}/')
        everything = b.table(table)['rows']
        found = b.filter_table(table, json.dumps([{field: value}]))
        absent = b.filter_table(table, json.dumps([{field: 'no-such-thing'}]))
        if len(found) != 1 or absent:
            raise PanelError(f'searching {page} by {field}: {len(found)} rows for {value!r} '
                             f'(1 expected), {len(absent)} for another (none expected)')
        side.record(f'{page} searched', {'found': found, 'absent': absent})
    # One search path for every panel: plain text is checked once.
    plain = b.filter_table(table, 'no-such-thing')
    if plain != everything:
        raise PanelError(f'plain text in the {page} filter shows {len(plain)} rows, '
                         f'not all {len(everything)}')
    side.record(f'{page} searched with plain text', plain)


@step('stop and start the job (the job page)')
def stop_start(side):
    b = side.browser
    # Each page is read once the job has settled, so both sides are seen at the same point:
    # a completed job keeps its stop event (no scheduler runs it); a start is taken by the
    # scheduler (the event is cleared) and the job runs again.
    settled = {'stop_job': lambda: job_schedule(side).get('event') == 'stop',
               'start_job': lambda: scheduler_took(side, {'status': 'completed', 'result': 'success'})}
    for action in ('stop_job', 'start_job'):
        b.open(f'/disaster_recovery/{side.ids["job"]}')
        b.row_action('jobs', side.ids['job'], action)
        side.record(f'after {action} (the Jobs index)', landed_on(b, '/disaster_recovery/'))
        b.wait(settled[action], JOB_RUN_SECONDS, f'the job settled after {action}')
        b.open(f'/disaster_recovery/{side.ids["job"]}')
        side.record(f'job page after {action}', b.table('jobs'))


@step('delete the job (the job page)')
def delete_job(side):
    b = side.browser
    b.open(f'/disaster_recovery/{side.ids["job"]}')
    b.row_action('jobs', side.ids['job'], 'delete')
    b.confirm()
    b.wait(lambda: side.ids['job'] not in [j['job_id'] for j in side.api.list('jobs')], 20,
           'the job deleted')
    b.check_page()
    side.record('job page after delete', b.table('jobs'))


@step("another project's user sees none of it")
def other_project(side):
    b = side.browser
    b.login(*ALT)
    for page, table in ((JOBS_PAGE, 'jobs'), ('/disaster_recovery/clients/', 'clients'),
                        ('/disaster_recovery/actions/', 'actions_table'),
                        ('/disaster_recovery/backups/', 'backups'), (SESSIONS_PAGE, 'sessions')):
        b.open(page)
        rows = b.table(table)['rows']
        if rows:
            raise PanelError(f"alt sees demo's {table} at {page}: {rows}")
        side.record(f'alt: {page}', rows)
    b.get(f'/disaster_recovery/sessions/{side.ids["session"]}')
    side.record("alt: demo's session page", page_view(b, 'sessions', 'jobs'))


# Stop and start come before the session: a session holds its jobs' next start off for 30 s.
STEPS = [log_in, broken_indexes, clients, create_actions, create_job, run_job, backups, search,
         stop_start, session, delete_job, other_project]


def run(side):
    """Runs every step on a side; returns the first failure (name, message) or None."""
    print(f'{side.name}: Horizon {side.horizon}, API {side.api_url}', flush=True)
    for function in STEPS:
        started = time.monotonic()
        try:
            function(side)
        except Exception as error:  # noqa: BLE001 - any failure ends the side's run
            shot = side.browser.shot(f'FAILED-{function.__name__}')
            detail = ''.join(traceback.format_exception_only(type(error), error)).strip()
            detail = detail.split('\nStacktrace:')[0]   # WebDriver's stack is chromedriver's
            return f'{side.name}: "{function.step_name}" failed: {detail}\n  screenshot: {shot}'
        print(f'  {side.name}: {function.step_name}: ok ({time.monotonic() - started:.1f} s)',
              flush=True)
    return None


def differences(a, b):
    lines = []
    for page in sorted(set(a.seen) | set(b.seen)):
        if a.seen.get(page) != b.seen.get(page):
            lines.append(f'- {page}:\n    {a.name}: {json.dumps(a.seen.get(page))}\n'
                         f'    {b.name}: {json.dumps(b.seen.get(page))}')
    return lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--keystone', required=True)
    parser.add_argument('--side', action='append', required=True)
    parser.add_argument('--shots', default='dashboard-shots')
    parser.add_argument('--docs-shots')
    args = parser.parse_args()
    sides = [Side(spec, args.keystone, args.shots) for spec in args.side]
    # The sides share nothing but Keystone: they run at once, each in its own browser.
    try:
        with concurrent.futures.ThreadPoolExecutor(len(sides)) as pool:
            failures = [f for f in pool.map(run, sides) if f]
    finally:
        for side in sides:
            side.browser.quit()
    if not failures and len(sides) > 1:
        for other in sides[1:]:
            diff = differences(sides[0], other)
            if diff:
                failures.append(f'the panels show differently on {sides[0].name} and {other.name}:\n'
                                + '\n'.join(diff))
    for failure in failures:
        print('FAIL: ' + failure, file=sys.stderr)
    if not failures:
        print(f'the panels showed the same on {", ".join(s.name for s in sides)} '
              f'({len(sides[0].seen)} pages and answers compared)')
        if args.docs_shots:
            os.makedirs(args.docs_shots, exist_ok=True)
            for shot in sides[0].shots:
                os.replace(shot, os.path.join(args.docs_shots, 'dashboard-' + os.path.basename(shot)))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
