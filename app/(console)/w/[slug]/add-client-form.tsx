"use client";
import dynamic from "next/dynamic";

// The agency home shows this form; the team home is the same page module and must not carry it (its
// fields, react-hook-form): the form's code is a chunk of its own, fetched only where it is rendered. The
// server still renders it, so the form is on the page before the chunk arrives.
export const AddClientForm = dynamic(() => import("./add-client-form-body").then((m) => m.AddClientFormBody));
