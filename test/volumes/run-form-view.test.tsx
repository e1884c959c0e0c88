import {render} from 'ink-testing-library';
import React from 'react';
import {describe, expect, it} from 'vitest';
import {runForm} from '../../source/ui/actions/run.js';
import {FormView} from '../../source/ui/components/FormView.js';
import {formKey, type FormState} from '../../source/ui/overlays/form.js';

describe('the run form on screen', () => {
	it('lists the volumes Tab offers and says which will be created', () => {
		let state: FormState = runForm('fixture/app:1', 'sha256:1', ['pgdata', 'pgwal']).form;
		state = {...state, focus: state.fields.findIndex((f) => f.name === 'volumes')};
		state = (formKey(state, undefined, '', 'p') as {state: FormState}).state;
		state = (formKey(state, 'nextField', 'tab') as {state: FormState}).state;
		let app = render(<FormView form={state} width={100} height={24} />);
		expect(app.lastFrame()).toContain('pgdata  pgwal');
		app.unmount();
		state = (formKey(state, undefined, '', 'x:/x') as {state: FormState}).state;
		app = render(<FormView form={state} width={100} height={24} />);
		expect(app.lastFrame()).toContain('a new volume pgx will be created');
		expect(app.lastFrame()).not.toContain('pgdata  pgwal');
		app.unmount();
	});
});
