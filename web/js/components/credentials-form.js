// The e-mail + password form of the sign-in and registration pages: the two fields, the form alert and the
// submit button, the e-mail prefilled from ?email=, and the submit flow of form.js (clear errors → validate →
// pending → request → errors on the fields or in the alert). Each page brings its copy, test ids, password
// rule, request and error handling.

import { h } from '../lib/dom.js';
import { emailProblem, formAlert, handleSubmit, showApiError, submitButton, textField } from './form.js';

/**
 * options:
 *   params      the page's URLSearchParams; `?email=` prefills the e-mail field
 *   labelledBy  id of the page heading that names the form
 *   testid      the form's data-testid
 *   email       textField options for the e-mail field: label, autocomplete, testid
 *   password    textField options for the password field (autocomplete, testid, hint…) plus
 *               problem(value) → message or null, the client check
 *   submit      submitButton options: label, pendingLabel, testid
 *   action(address, password)  the request(s) and what follows success; runs with the button pending and gets
 *               the trimmed e-mail
 *   onError(error, form)  shows a failed action's error and returns the input to focus; `form` is the result below
 * Returns { element, email, password, alert, showApiError(error) }: showApiError puts an ApiError on the field it
 * names (email or password) or else in the alert, and returns that field's input or null.
 */
export function credentialsForm({
  params,
  labelledBy,
  testid,
  email: emailField,
  password: { problem: passwordProblem, ...passwordField },
  submit: submitOptions,
  action,
  onError,
}) {
  const email = textField({ name: 'email', type: 'email', inputmode: 'email', ...emailField });
  const password = textField({ label: 'Password', name: 'password', type: 'password', revealable: true, ...passwordField });
  const alert = formAlert();
  const submit = submitButton(submitOptions);

  const prefill = params.get('email');
  if (prefill) email.input.value = prefill;

  const element = h(
    'form',
    { class: 'form', novalidate: true, 'aria-labelledby': labelledBy, dataset: { testid } },
    alert.element,
    email.element,
    password.element,
    submit.element,
  );

  const form = {
    element,
    email,
    password,
    alert,
    showApiError: (error) => showApiError(error, { email, password }, alert),
  };

  handleSubmit(element, {
    alert,
    submit,
    checks: () => [
      [email, emailProblem(email.input.value)],
      [password, passwordProblem(password.input.value)],
    ],
    action: () => action(email.input.value.trim(), password.input.value),
    onError: (error) => onError(error, form),
  });

  return form;
}
