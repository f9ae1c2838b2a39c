export const id = 642;
export const ids = [642];
export const modules = {

/***/ 4642:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RegisterTaskDefinitionRequest$: () => (/* reexport safe */ _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_0__.fSK)
/* harmony export */ });
/* harmony import */ var _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4947);














/***/ })

};
