/** Entry point of the staff dashboard bundle: the stylesheet and the app, mounted on #app. */
import { render } from 'preact';
import './app.css';
import { App } from './App';

render(<App />, document.getElementById('app')!);
