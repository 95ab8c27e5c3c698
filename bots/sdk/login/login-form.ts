/**
 * Where a portal kind's login screen is and how its fields are found. Data, not code, so that a
 * reader which never renders (an in-page fetch, an HTTP read parsed in Node) can tell the login
 * page from content by the same selector the rendered check uses.
 */
export interface LoginForm {
  /** Path of the login screen, e.g. `/login`. */
  path: string;
  /** The form itself: a page showing it is the login page (a session that expired lands there). */
  form: string;
  username: string;
  password: string;
  submit: string;
}

/** The login screen the bank's internal portals share (form with CSRF token, session cookie). */
export const INTERNAL_LOGIN_FORM: LoginForm = {
  path: '/login',
  form: '#login-form',
  username: '#username',
  password: '#password',
  submit: '#login-submit',
};
