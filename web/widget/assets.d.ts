/** esbuild inlines .css files as text (loader: text). */
declare module '*.css' {
  const text: string;
  export default text;
}
