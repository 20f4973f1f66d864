// electron-builder `beforeBuild` hook: returning false skips installing and copying node_modules.
// Every dependency the app needs at run time is already bundled into electron/dist/*.cjs and
// dist/renderer/ (see electron-builder.yml, `files`).
exports.default = async function beforeBuild() {
  return false;
};
