import Testing
@testable import BackflowCore

@Suite struct MappingArrayPathTests {
    let products = #"{"products":[{"productId":"123","price":0.5},{"productId":"456","price":0.99}]}"#
    let shape = #"{"product_id":{"@path":"$.productId"},"monies":{"@path":"$.price"}}"#

    @Test func withoutShapeReturnsTheArray() throws {
        #expect(try resolve(#"{"@arrayPath":["$.products"]}"#, products) == json(products).objectValue?["products"])
    }

    @Test func shapeIsResolvedAgainstEachItem() throws {
        #expect(try resolve(#"{"@arrayPath":["$.products",\#(shape)]}"#, products)
            == json(#"[{"product_id":"123","monies":0.5},{"product_id":"456","monies":0.99}]"#))
    }

    @Test func pathMayBeADirective() throws {
        let path = #"{"@if":{"exists":{"@path":"$.products"},"then":{"@path":"$.products"},"else":[]}}"#
        #expect(try resolve(#"{"@arrayPath":[\#(path),\#(shape)]}"#, products)
            == json(#"[{"product_id":"123","monies":0.5},{"product_id":"456","monies":0.99}]"#))
    }

    @Test func singleObjectBecomesAOneElementArray() throws {
        #expect(try resolve(#"{"@arrayPath":["$.properties",\#(shape)]}"#, #"{"properties":{"productId":"1","price":2}}"#)
            == json(#"[{"product_id":"1","monies":2}]"#))
    }

    @Test func objectWithoutTheShapesKeysGivesOneEmptyItem() throws {
        let mapping = jsonObject(#"{"neat":{"@arrayPath":["$.products",\#(shape)]}}"#)
        #expect(try MappingEngine.transform(mapping, data: jsonObject(#"{"products":{"notAnArray":true}}"#))
            == jsonObject(#"{"neat":[{}]}"#))
    }

    @Test func missingOrScalarRootIsReturnedAsIs() throws {
        #expect(try resolve(#"{"@arrayPath":["$.nothing",\#(shape)]}"#, products) == nil)
        #expect(try resolve(#"{"@arrayPath":["$.s",\#(shape)]}"#, #"{"s":"text"}"#) == "text")
    }

    @Test func emptyShapeReturnsTheRoot() throws {
        #expect(try resolve(#"{"@arrayPath":["$.products",{}]}"#, products) == json(products).objectValue?["products"])
    }
}

@Suite struct MappingJSONTests {
    @Test func encodesCompactly() throws {
        #expect(try resolve(#"{"@json":{"mode":"encode","value":{"@path":"$.o"}}}"#, #"{"o":{"a":[1,true,null],"b":"x"}}"#)
            == #"{"a":[1,true,null],"b":"x"}"#)
        #expect(try resolve(#"{"@json":{"mode":"encode","value":{"@path":"$.n"}}}"#, #"{"n":null}"#) == "null")
        #expect(try resolve(#"{"@json":{"mode":"encode","value":"bar"}}"#) == #""bar""#)
    }

    @Test func encodingUndefinedIsUndefined() throws {
        #expect(try resolve(#"{"@json":{"mode":"encode","value":{"@path":"$.missing"}}}"#) == nil)
    }

    @Test func encodingDropsUndefinedKeysAndNullsUndefinedElements() throws {
        let mapping = #"{"@json":{"mode":"encode","value":{"@literal":{"a":{"@path":"$.x"},"l":[{"@path":"$.x"}]}}}}"#
        #expect(try resolve(mapping) == #"{"l":[null]}"#)
    }

    @Test func decodesAString() throws {
        #expect(try resolve(#"{"@json":{"mode":"decode","value":{"@path":"$.s"}}}"#, #"{"s":"{\"a\":[1,2]}"}"#)
            == json(#"{"a":[1,2]}"#))
    }

    @Test func badDecodeReturnsTheStringUnchanged() throws {
        #expect(try resolve(#"{"@json":{"mode":"decode","value":{"@path":"$.s"}}}"#, #"{"s":"{nope"}"#) == "{nope")
    }

    @Test func decodingANonStringReturnsIt() throws {
        #expect(try resolve(#"{"@json":{"mode":"decode","value":{"@path":"$.n"}}}"#, #"{"n":5}"#) == 5)
    }

    @Test func modeIsCaseSensitiveAtRuntime() throws {
        #expect(issues(#"{"@json":{"mode":"ENCODE","value":"x"}}"#).isEmpty)
        #expect(try resolve(#"{"@json":{"mode":"ENCODE","value":"x"}}"#) == nil)
    }
}

@Suite struct MappingFlattenTests {
    @Test func joinsNestedKeysWithTheSeparator() throws {
        #expect(try resolve(#"{"@flatten":{"separator":".","value":{"@path":"$.o"}}}"#, #"{"o":{"a":{"b":{"c":1},"d":2}}}"#)
            == json(#"{"a.b.c":1,"a.d":2}"#))
    }

    @Test func arrayIndicesBecomeKeys() throws {
        #expect(try resolve(#"{"@flatten":{"separator":"/","value":{"@path":"$.o"}}}"#, #"{"o":{"a":[{"b":1},{"c":2}]}}"#)
            == json(#"{"a/0/b":1,"a/1/c":2}"#))
        #expect(try resolve(#"{"@flatten":{"separator":".","value":{"@path":"$.l"}}}"#, #"{"l":[{"a":1}]}"#)
            == json(#"{"0.a":1}"#))
    }

    @Test func omitArraysKeepsArraysWhole() throws {
        let mapping = #"{"@flatten":{"separator":".","omitArrays":true,"value":{"@path":"$.o"}}}"#
        #expect(try resolve(mapping, #"{"o":{"a":{"c":[{"d":1}]}}}"#) == json(#"{"a.c":[{"d":1}]}"#))
    }

    @Test func emptyNestedContainersDisappear() throws {
        #expect(try resolve(#"{"@flatten":{"separator":".","value":{"@path":"$.o"}}}"#, #"{"o":{"a":{},"b":[],"c":1}}"#)
            == json(#"{"c":1}"#))
    }

    @Test func primitiveComesBackUnderTheEmptyKey() throws {
        #expect(try resolve(#"{"@flatten":{"separator":".","value":"x"}}"#) == json(#"{"":"x"}"#))
        #expect(try resolve(#"{"@flatten":{"separator":".","value":{"@path":"$.missing"}}}"#) == json("{}"))
    }

    @Test func emptySeparatorIsARuntimeError() {
        #expect(runtimeError(#"{"@flatten":{"separator":"","value":1}}"#) == #"@flatten requires a "separator" key"#)
    }
}

@Suite struct MappingMergeTests {
    let event = #"{"a":{"k":"a","x":1},"b":{"k":"b","y":2}}"#

    @Test func rightDirectionLetsTheRightmostWin() throws {
        #expect(try resolve(#"{"@merge":{"direction":"right","objects":[{"@path":"$.a"},{"@path":"$.b"}]}}"#, event)
            == json(#"{"k":"b","x":1,"y":2}"#))
    }

    @Test func leftDirectionLetsTheLeftmostWin() throws {
        #expect(try resolve(#"{"@merge":{"direction":"left","objects":[{"@path":"$.a"},{"@path":"$.b"}]}}"#, event)
            == json(#"{"k":"a","y":2,"x":1}"#))
    }

    @Test func nullAndMissingEntriesAreSkipped() throws {
        #expect(try resolve(#"{"@merge":{"direction":"right","objects":[{"@path":"$.a"},{"@path":"$.none"}]}}"#, event)
            == json(#"{"k":"a","x":1}"#))
        #expect(try resolve(#"{"@merge":{"direction":"right","objects":[]}}"#) == json("{}"))
    }

    @Test func laterUndefinedKeyRemovesAnEarlierValue() throws {
        #expect(try resolve(#"{"@merge":{"direction":"right","objects":[{"@path":"$.a"},{"k":{"@path":"$.none"}}]}}"#, event)
            == json(#"{"x":1}"#))
    }

    @Test func missingDirectionIsARuntimeError() {
        #expect(runtimeError(#"{"@merge":{"objects":[]}}"#) == #"@merge requires a "direction" key"#)
    }
}

@Suite struct MappingTransformDirectiveTests {
    @Test func mappingRunsOverTheAppliedEvent() throws {
        let mapping = #"{"@transform":{"apply":{"name":{"@path":"$.properties.first"}},"mapping":{"hello":{"@template":"Hi {{name}}"}}}}"#
        #expect(try resolve(mapping, #"{"properties":{"first":"Ada"}}"#) == json(#"{"hello":"Hi Ada"}"#))
    }

    @Test func applyMustBeAnObjectAtRuntime() {
        #expect(runtimeError(#"{"@literal":{"x":{"@transform":{"apply":"a","mapping":{}}}}}"#)
            == #"@transform "apply" key should be an object"#)
    }
}
