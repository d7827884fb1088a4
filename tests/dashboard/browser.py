"""Headless Chromium driven through WebDriver (Debian's chromium, chromium-driver and
python3-selenium), with what the dashboard tests need of a Horizon page: log in, open a page
and check that Horizon shows no error, read a table, fill a form, wait for something."""
import os
import re
import time

from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select


class PanelError(AssertionError):
    """What a user would see as a failure: an error page, an error message, a missing row."""


# What Horizon shows when a view raised: its 500 page, or an error message box.
SERVER_ERROR_TITLE = 'Server error'


class Browser:
    def __init__(self, base_url, shots_dir):
        self.base_url = base_url.rstrip('/')
        self.shots_dir = shots_dir
        options = webdriver.ChromeOptions()
        for arg in ('--headless=new', '--no-sandbox', '--disable-dev-shm-usage',
                    '--disable-gpu', '--window-size=1400,1000', '--lang=en-US'):
            options.add_argument(arg)
        self.driver = webdriver.Chrome(service=Service('/usr/bin/chromedriver'),
                                       options=options)
        self.driver.implicitly_wait(0)

    def quit(self):
        self.driver.quit()

    # --- pages ------------------------------------------------------------------------------

    def login(self, username, password):
        self.driver.delete_all_cookies()
        self.get('/auth/login/')
        self.driver.find_element(By.ID, 'id_username').send_keys(username)
        self.driver.find_element(By.ID, 'id_password').send_keys(password)
        self.driver.find_element(By.CSS_SELECTOR, 'button[type=submit]').click()
        self.wait(lambda: '/auth/login' not in self.driver.current_url, 30,
                  f'{username} logged in')
        self.check_page()

    def get(self, path):
        self.driver.get(self.base_url + path)

    def open(self, path):
        """Opens a page a user can reach; fails on any Horizon error."""
        self.get(path)
        self.check_page()

    def error_shown(self):
        """The error Horizon shows on this page (its 500 page or error messages), or None."""
        if self.driver.title.startswith(SERVER_ERROR_TITLE):
            return f'{SERVER_ERROR_TITLE}: ' + self.main_text()
        alerts = [e.text.strip() for e in
                  self.driver.find_elements(By.CSS_SELECTOR, '.alert-danger, .alert-error')]
        alerts = [a for a in alerts if a]
        return '; '.join(alerts) if alerts else None

    def check_page(self):
        error = self.error_shown()
        if error:
            raise PanelError(f'{self.driver.current_url} shows an error: {error}')

    def main_text(self):
        for css in ('#content_body', '.static_page', 'body'):
            found = self.driver.find_elements(By.CSS_SELECTOR, css)
            if found:
                return found[0].text
        return ''

    def shot(self, name):
        os.makedirs(self.shots_dir, exist_ok=True)
        path = os.path.join(self.shots_dir, f'{name}.png')
        self.driver.save_screenshot(path)
        return path

    # --- tables -----------------------------------------------------------------------------

    def table(self, table_id):
        """A Horizon DataTable as {'columns': [...], 'rows': [[cell text...]...]}; its empty
        row ("No items to display.") is no row. Rows that update themselves (ajax) are read
        again when one was replaced while being read."""
        for _ in range(20):
            try:
                return self._read_table(table_id)
            except StaleElementReferenceException:
                time.sleep(0.2)
        return self._read_table(table_id)

    def _read_table(self, table_id):
        found = self.driver.find_elements(By.ID, table_id)
        if not found:
            raise PanelError(f'{self.driver.current_url}: no table {table_id}')
        table = found[0]
        columns = [th.text.strip() for th in
                   table.find_elements(By.CSS_SELECTOR, 'thead tr.table_column_header th')]
        rows = []
        for tr in table.find_elements(By.CSS_SELECTOR, 'tbody tr'):
            if 'empty' in (tr.get_attribute('class') or ''):
                continue
            rows.append([td.text.strip() for td in tr.find_elements(By.TAG_NAME, 'td')])
        return {'columns': columns, 'rows': rows}

    def row(self, table_id, object_id):
        rows = self.driver.find_elements(
            By.CSS_SELECTOR, f'#{table_id} tbody tr[data-object-id="{object_id}"]')
        if not rows:
            raise PanelError(f'{self.driver.current_url}: no row {object_id} in {table_id}')
        return rows[0]

    def row_action(self, table_id, object_id, action_name):
        """Clicks a row's action (the row's button, or the item of its drop-down menu)."""
        row = self.row(table_id, object_id)
        element_id = f'{table_id}__row_{object_id}__action_{action_name}'
        action = row.find_elements(By.ID, element_id)
        if not action:
            raise PanelError(f'{self.driver.current_url}: row {object_id} has no {action_name}')
        if not action[0].is_displayed():
            row.find_element(By.CSS_SELECTOR, '.dropdown-toggle').click()
        action[0].click()

    def filter_table(self, table_id, text):
        """Searches a table with its server-side filter (the panel asks the API)."""
        box = self.driver.find_element(By.NAME, f'{table_id}__filter__q')
        box.clear()
        box.send_keys(text)
        self.driver.find_element(By.ID, f'{table_id}__action_filter').click()
        box_name = f'{table_id}__filter__q'
        self.wait(lambda: self.driver.execute_script('return document.readyState') == 'complete'
                  and self.driver.find_element(By.NAME, box_name).get_attribute('value') == text,
                  20, f'{table_id} filtered by {text!r}')
        self.check_page()
        return self.table(table_id)['rows']

    # --- forms ------------------------------------------------------------------------------

    def fill(self, field_id, value):
        element = self.driver.find_element(By.ID, field_id)
        if element.tag_name == 'select':
            Select(element).select_by_value(value)
        else:
            element.clear()
            element.send_keys(value)

    def tab(self, link_text):
        """Opens a workflow's tab by its name."""
        tab = f'//ul[@role="tablist"]//a[normalize-space()="{link_text}"]'
        self.driver.find_element(By.XPATH, tab).click()

    def wait_shown(self, element_id, what):
        """Waits for a form field (of a workflow opened in a modal) to be shown."""
        return self.wait(lambda: self.driver.find_element(By.ID, element_id).is_displayed(), 20, what)

    def submit(self):
        buttons = '.modal-footer input[type=submit], .modal-footer button[type=submit]'
        self.driver.find_element(By.CSS_SELECTOR, buttons).click()

    def confirm(self):
        """Answers Horizon's confirmation dialog."""
        self.wait(lambda: self.driver.find_elements(By.CSS_SELECTOR, '.modal-footer .btn-danger'),
                  10, 'the confirmation dialog')
        self.driver.find_element(By.CSS_SELECTOR, '.modal-footer .btn-danger').click()

    # --- waiting ----------------------------------------------------------------------------

    def wait(self, condition, seconds, what):
        deadline = time.monotonic() + seconds
        while True:
            try:
                value = condition()
                if value:
                    return value
            except (NoSuchElementException, StaleElementReferenceException, PanelError):
                pass
            if time.monotonic() > deadline:
                raise PanelError(f'timed out ({seconds} s) waiting for {what} '
                                 f'at {self.driver.current_url}')
            time.sleep(0.3)


def normalize(text, replacements):
    """Text of a page with what differs between two runs replaced: ids, paths, dates."""
    for value, placeholder in replacements:
        if value:
            text = text.replace(value, placeholder)
    text = re.sub(r'\b[0-9a-f]{32}\b', '<hex-id>', text)
    text = re.sub(r'\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b', '<uuid>', text)
    text = re.sub(r'\b1[0-9]{9}\b', '<timestamp>', text)
    # Django's SHORT_DATETIME_FORMAT, then ISO 8601
    text = re.sub(r'\b\d\d/\d\d/\d{4} \d{1,2}:\d\d( [ap]\.m\.)?', '<date>', text)
    text = re.sub(r'\b\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?', '<date>', text)
    return text
