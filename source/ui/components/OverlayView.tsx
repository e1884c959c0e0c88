import React from 'react';
import type {Overlay} from '../model.js';
import {ConfirmView} from './ConfirmView.js';
import {FormatBoxView} from './FormatBox.js';
import {FormView} from './FormView.js';
import {MenuView} from './MenuView.js';
import {TaskView} from './TaskView.js';

/** Draws whichever overlay is open, in the body's place (same height, so the frame never grows). */
export function OverlayView(props: {overlay: Overlay; width: number; height: number; onPick?(id: number, index: number): void}) {
	const pick = (index: number) => props.onPick?.(props.overlay.id, index);
	const {overlay} = props;
	switch (overlay.kind) {
		case 'form':
			return <FormView form={overlay.form} width={props.width} height={props.height} />;
		case 'confirm':
			return <ConfirmView confirm={overlay.confirm} height={props.height} width={props.width} onPick={props.onPick ? pick : undefined} />;
		case 'task':
			return <TaskView task={overlay.task} width={props.width} height={props.height} />;
		case 'format':
			return <FormatBoxView box={overlay.format} width={props.width} height={props.height} />;
		case 'menu':
			return <MenuView title={overlay.menu.title} items={overlay.menu.items} initial={overlay.menu.initial} height={props.height} onPick={pick} />;
	}
}
