/*
 * The portal's forms, where the browser runs scripts (without them the server does the same checks):
 * a file over the size limit is named before anything is sent, and a form marked data-submit-once
 * is sent once, its button disabled after the first click. Back on the page, the button works again.
 */
(function () {
  'use strict';

  function megabytes(bytes) {
    var value = bytes / (1024 * 1024);
    return (Number.isInteger(value) ? String(value) : value.toFixed(1).replace('.', ',')) + ' Mo';
  }

  function tooLargeFiles(input) {
    var max = Number(input.dataset.maxBytes);
    return Array.prototype.filter.call(input.files || [], function (file) { return file.size > max; });
  }

  function showSizeProblem(input, files) {
    var id = input.id + '-size-error';
    var error = document.getElementById(id);
    if (files.length === 0) {
      if (error) {
        error.remove();
        input.removeAttribute('aria-invalid');
        input.setAttribute('aria-describedby', input.getAttribute('aria-describedby').replace(' ' + id, ''));
      }
      return false;
    }
    if (!error) {
      error = document.createElement('p');
      error.id = id;
      error.className = 'field-error';
      input.parentNode.insertBefore(error, input);
      input.setAttribute('aria-describedby', (input.getAttribute('aria-describedby') || '') + ' ' + id);
    }
    error.textContent = files.map(function (file) {
      return 'Le fichier « ' + file.name + ' » dépasse ' + megabytes(Number(input.dataset.maxBytes))
        + ' (' + megabytes(file.size) + ') : choisissez un fichier plus léger.';
    }).join(' ');
    input.setAttribute('aria-invalid', 'true');
    return true;
  }

  document.addEventListener('change', function (event) {
    var input = event.target;
    if (input.matches('input[type=file][data-max-bytes]')) {
      showSizeProblem(input, tooLargeFiles(input));
    }
  });

  document.addEventListener('submit', function (event) {
    var form = event.target;
    var refused = Array.prototype.filter.call(form.querySelectorAll('input[type=file][data-max-bytes]'),
      function (input) { return showSizeProblem(input, tooLargeFiles(input)); });
    if (refused.length > 0) {
      event.preventDefault();
      refused[0].focus();
      return;
    }
    if (!form.hasAttribute('data-submit-once')) {
      return;
    }
    if (form.dataset.sent === 'true') {
      event.preventDefault();
      return;
    }
    form.dataset.sent = 'true';
    form.querySelectorAll('button[type=submit]').forEach(function (button) {
      button.disabled = true;
      button.setAttribute('aria-busy', 'true');
    });
  });

  window.addEventListener('pageshow', function () {
    document.querySelectorAll('form[data-submit-once]').forEach(function (form) {
      delete form.dataset.sent;
      form.querySelectorAll('button[type=submit]').forEach(function (button) {
        button.disabled = false;
        button.removeAttribute('aria-busy');
      });
    });
  });
}());
